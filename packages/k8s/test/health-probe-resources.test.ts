import { createMemoryLogger, RollbackIncompleteError } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../src/cluster/kube-client';
import { rollbackClusterHealthProbe } from '../src/health-probe/runner/cluster-health-probe';
import { detectZones } from '../src/health-probe/runner/detect-zones';
import { createProbeResources } from '../src/health-probe/resources/create-probe-resources';
import { objectPath } from '../src/health-probe/resources/manifest-paths';
import { type Manifest, probeManifests } from '../src/health-probe/resources/probe-manifests';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { createWebhookTls } from '../src/health-probe/resources/self-signed-certificate';
import { eventually, existingProbeResources, listProbePods, probeTestCluster } from './health-probe-support/probe-cluster';

let client: KubeClient;
let kubeconfigPath: string;

beforeAll(async () => {
  ({ client, kubeconfigPath } = await probeTestCluster());
  await removeProbeResources({ client, logger: createMemoryLogger() });
});

afterAll(async () => {
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
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

async function get(manifest: Manifest | undefined): Promise<Record<string, any>> {
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
      manifests.find((manifest) => manifest.kind === kind && (name === undefined || manifest.metadata.name === name));
    const definition = await get(byKind('CustomResourceDefinition'));
    expect(definition.spec).toMatchObject({ group: 'chaos.gardener.cloud', scope: 'Cluster' });
    expect(definition.spec.names).toMatchObject({ kind: 'Heartbeat', plural: 'heartbeats', shortNames: ['hb'] });
    const source = await get(byKind('ConfigMap', 'probe-pod-source'));
    expect(source.data).toEqual({ 'probe-agent.cjs': '// agent' });
    const webhook = await get(byKind('MutatingWebhookConfiguration'));
    expect(webhook.webhooks[0].clientConfig.service).toMatchObject({ name: 'probe', namespace: 'chaos-garden-probe', path: '/webhook' });

    const nodes = await client.request<{ items: Record<string, any>[] }>({ verb: 'list', path: '/api/v1/nodes', operation: 'list nodes' });
    const nodeZone = new Map(nodes.items.map((node) => [node.metadata.name, node.metadata.labels['topology.kubernetes.io/zone']]));
    const kwokNodes = new Set(
      nodes.items.filter((node) => node.metadata.annotations?.['kwok.x-k8s.io/node'] !== undefined).map((node) => node.metadata.name),
    );
    for (const role of ['probe', 'probe-suicidal-pods']) {
      const pods = await eventually(`${role} pods running`, async () => {
        const found = (await listProbePods(client)).filter((pod) => pod.role === role && !pod.deleting);
        return found.length === zones.length && found.every((pod) => pod.phase === 'Running') ? found : undefined;
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
    expect(lines.indexOf('Deleting probe resources...')).toBeGreaterThan(lines.indexOf('Deleting probe deployment chaos-garden-probe/probe...'));
  });

  it('stops waiting after the time limit and names the pod that does not go away', async () => {
    const manifests = probeManifests({ replicas: 1, agentSource: '', image: 'node:22-slim', tls: createWebhookTls('x') });
    await createProbeResources(client, manifests, createMemoryLogger());
    const [pod] = await eventually('a probe pod', async () => {
      const found = (await listProbePods(client)).filter((entry) => entry.role === 'probe');
      return found.length > 0 ? found : undefined;
    });
    const podPath = `/api/v1/namespaces/chaos-garden-probe/pods/${pod?.name}`;
    const setFinalizers = async (finalizers: string[]) => {
      const current = await client.request<Record<string, any>>({ verb: 'get', path: podPath, operation: 'get pod' });
      current.metadata.finalizers = finalizers;
      await client.request({ verb: 'update', path: podPath, body: current, operation: 'update pod finalizers' });
    };
    await setFinalizers(['chaosgarden.test/hold']);
    const started = Date.now();
    const error = await removeProbeResources({ client, logger: createMemoryLogger(), timeoutMs: 4000 }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(RollbackIncompleteError.isInstance(error)).toBe(true);
    expect((error as RollbackIncompleteError).leftovers).toContain(`Pod chaos-garden-probe/${pod?.name}`);

    await setFinalizers([]);
    await removeProbeResources({ client, logger: createMemoryLogger() });
    expect(await existingProbeResources(client)).toEqual([]);
  });
});
