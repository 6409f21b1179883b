import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createMemoryLogger, RollbackIncompleteError } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import { createProbeResources } from '../src/health-probe/resources/create-probe-resources';
import { objectPath } from '../src/health-probe/resources/manifest-paths';
import { type Manifest, probeManifests } from '../src/health-probe/resources/probe-manifests';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { createWebhookTls } from '../src/health-probe/resources/self-signed-certificate';
import { rollbackClusterHealthProbe } from '../src/health-probe/runner/cluster-health-probe';
import { detectZones } from '../src/health-probe/runner/detect-zones';
import {
  eventually,
  existingProbeResources,
  listProbePods,
  probeTestCluster,
} from './health-probe-support/probe-cluster';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

// biome-ignore lint/suspicious/noExplicitAny: raw API JSON, read field by field
type Json = Record<string, any>;

let client: KubeClient;
let kubeconfigPath: string;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, kubeconfigPath } = await probeTestCluster());
  await removeProbeResources({ client, logger: createMemoryLogger() });
});

afterAll(async () => {
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
  releaseLock?.();
});

const allNames = [
  'CustomResourceDefinition heartbeats.chaos.gardener.cloud',
  'CustomResourceDefinition acknowledgedheartbeats.chaos.gardener.cloud',
  'Namespace chaos-garden-probe',
  'ServiceAccount probe',
  'ClusterRole chaos-garden-probe',
  'ClusterRoleBinding chaos-garden-probe',
  'ConfigMap probe-pod-source',
  'ConfigMap suicidal-pod-source',
  'Secret probe-webhook-tls',
  'Deployment probe',
  'Deployment probe-suicidal-pods',
  'Service probe',
  'MutatingWebhookConfiguration chaos-garden-probe-webhook',
];

async function get(manifest: Manifest | undefined): Promise<Json> {
  if (manifest === undefined) throw new Error('no such manifest');
  return client.request({ verb: 'get', path: objectPath(manifest), operation: 'get' });
}

describe('probe resources on the sandbox', () => {
  it('are created in order, idempotently, with one probe and one suicidal pod per zone on kwok nodes; roll-back removes all', async () => {
    const zones = await detectZones(client, createMemoryLogger());
    expect(zones.length).toBeGreaterThanOrEqual(3);
    const manifests = probeManifests({
      replicas: zones.length,
      agentSource: '// agent',
      image: 'node:22-slim',
      tls: createWebhookTls('probe.chaos-garden-probe.svc'),
    });
    expect(manifests.map((manifest) => `${manifest.kind} ${manifest.metadata.name}`)).toEqual(allNames);
    const logger = createMemoryLogger();
    await createProbeResources(client, manifests, logger);
    await createProbeResources(client, manifests, logger); // all 409: kept, no error
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(await existingProbeResources(client)).toEqual(allNames);

    const byKind = (kind: string, name?: string) =>
      manifests.find(
        (manifest) => manifest.kind === kind && (name === undefined || manifest.metadata.name === name),
      );
    const definition = await get(byKind('CustomResourceDefinition'));
    expect(definition.spec).toMatchObject({ group: 'chaos.gardener.cloud', scope: 'Cluster' });
    expect(definition.spec.names).toMatchObject({
      kind: 'Heartbeat',
      plural: 'heartbeats',
      shortNames: ['hb'],
    });
    const source = await get(byKind('ConfigMap', 'probe-pod-source'));
    expect(source.data).toEqual({ 'probe-agent.cjs': '// agent' });
    const webhook = await get(byKind('MutatingWebhookConfiguration'));
    expect(webhook.webhooks[0].clientConfig.service).toMatchObject({
      name: 'probe',
      namespace: 'chaos-garden-probe',
      path: '/webhook',
    });

    const nodes = await client.request<{ items: Json[] }>({
      verb: 'list',
      path: '/api/v1/nodes',
      operation: 'list nodes',
    });
    const nodeZone = new Map(
      nodes.items.map((node) => [node.metadata.name, node.metadata.labels['topology.kubernetes.io/zone']]),
    );
    const kwokNodes = new Set(
      nodes.items
        .filter((node) => node.metadata.annotations?.['kwok.x-k8s.io/node'] !== undefined)
        .map((node) => node.metadata.name),
    );
    for (const role of ['probe', 'probe-suicidal-pods']) {
      const pods = await eventually(`${role} pods running`, async () => {
        const found = (await listProbePods(client)).filter((pod) => pod.role === role && !pod.deleting);
        return found.length === zones.length && found.every((pod) => pod.phase === 'Running')
          ? found
          : undefined;
      });
      for (const pod of pods) expect(kwokNodes.has(pod.nodeName ?? '')).toBe(true);
      expect(pods.map((pod) => nodeZone.get(pod.nodeName)).sort()).toEqual(zones);
    }

    const rollbackLogger = createMemoryLogger();
    await rollbackClusterHealthProbe({ kubeconfig: { path: kubeconfigPath }, logger: rollbackLogger });
    expect(await existingProbeResources(client)).toEqual([]);
    const lines = rollbackLogger.entries.map((entry) => entry.message);
    expect(lines).toContain('Deleting probe deployment chaos-garden-probe/probe...');
    expect(lines).toContain('Deleting probe deployment chaos-garden-probe/probe-suicidal-pods...');
    expect(lines.indexOf('Deleting probe resources...')).toBeGreaterThan(
      lines.indexOf('Deleting probe deployment chaos-garden-probe/probe...'),
    );
  });

  it('stops waiting after the time limit and names the pod that does not go away', async () => {
    const manifests = probeManifests({
      replicas: 1,
      agentSource: '',
      image: 'node:22-slim',
      tls: createWebhookTls('x'),
    });
    await createProbeResources(client, manifests, createMemoryLogger());
    const [pod] = await eventually('a probe pod', async () => {
      const found = (await listProbePods(client)).filter((entry) => entry.role === 'probe');
      return found.length > 0 ? found : undefined;
    });
    const podPath = `/api/v1/namespaces/chaos-garden-probe/pods/${pod?.name}`;
    // kwok updates pod status concurrently: retry on 409 with a fresh copy.
    const setFinalizers = async (finalizers: string[]) => {
      await eventually('the finalizers set', async () => {
        const current = await client.request<Json>({ verb: 'get', path: podPath, operation: 'get pod' });
        current.metadata.finalizers = finalizers;
        await client.request({
          verb: 'update',
          path: podPath,
          body: current,
          operation: 'update pod finalizers',
        });
        return true;
      });
    };
    await setFinalizers(['chaosgarden.test/hold']);
    const started = Date.now();
    let error: unknown;
    try {
      error = await removeProbeResources({ client, logger: createMemoryLogger(), timeoutMs: 4000 }).catch(
        (caught: unknown) => caught,
      );
    } finally {
      await setFinalizers([]);
    }
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(RollbackIncompleteError.isInstance(error)).toBe(true);
    expect((error as RollbackIncompleteError).leftovers).toContain(`Pod chaos-garden-probe/${pod?.name}`);

    await removeProbeResources({ client, logger: createMemoryLogger() });
    expect(await existingProbeResources(client)).toEqual([]);
  });

  it("is removed completely by the Python tool's rollback_cluster_health_probe (same names, same order)", async () => {
    const manifests = probeManifests({
      replicas: 3,
      agentSource: '',
      image: 'node:22-slim',
      tls: createWebhookTls('x'),
    });
    await createProbeResources(client, manifests, createMemoryLogger());
    await eventually('probe pods', async () =>
      (await listProbePods(client)).length >= 2 ? true : undefined,
    );
    const connection = readSandboxConnection();
    const { stdout, stderr } = await promisify(execFile)(
      connection.referencePython,
      ['-c', 'from chaosgarden.k8s.probes import rollback_cluster_health_probe as r; r()'],
      { env: { ...process.env, KUBECONFIG: kubeconfigPath }, timeout: 120_000 },
    );
    expect(await existingProbeResources(client), stdout + stderr).toEqual([]);
  });
});
