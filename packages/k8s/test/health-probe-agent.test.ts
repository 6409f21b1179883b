import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createMemoryLogger } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import { createProbeResources } from '../src/health-probe/resources/create-probe-resources';
import { probeManifests } from '../src/health-probe/resources/probe-manifests';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { createWebhookTls } from '../src/health-probe/resources/self-signed-certificate';
import { buildAgentBundle } from './health-probe-support/agent-bundle';
import { eventually, listProbePods, probeTestCluster } from './health-probe-support/probe-cluster';
import type { SandboxCluster } from './support/sandbox-cluster';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

let client: KubeClient;
let sandbox: SandboxCluster;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, sandbox } = await probeTestCluster());
  await removeProbeResources({ client, logger: createMemoryLogger() });
});

afterAll(async () => {
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
  releaseLock?.();
});

describe('the suicidal agent as a local process', () => {
  it("sends one Ready pod-lifecycle heartbeat for its pod's zone, with the service account's rights, and deletes its pod", async () => {
    const bundle = await buildAgentBundle();
    const manifests = probeManifests({
      replicas: 1,
      agentSource: bundle.source,
      image: 'node:22-slim',
      tls: createWebhookTls('x'),
    });
    await createProbeResources(client, manifests, createMemoryLogger());
    const [pod] = await eventually('a scheduled suicidal pod', async () => {
      const found = (await listProbePods(client)).filter(
        (entry) => entry.role === 'probe-suicidal-pods' && entry.nodeName,
      );
      return found.length > 0 ? found : undefined;
    });
    const node = await client.request<{ metadata: { labels: Record<string, string> } }>({
      verb: 'get',
      path: `/api/v1/nodes/${pod?.nodeName}`,
      operation: 'get node',
    });
    const zone = node.metadata.labels['topology.kubernetes.io/zone'];
    const token = await eventually('a service account token', async () => {
      const answer = await client.request<{ status: { token: string } }>({
        verb: 'create',
        path: '/api/v1/namespaces/chaos-garden-probe/serviceaccounts/probe/token',
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: { expirationSeconds: 600 },
        },
        operation: 'request token',
      });
      return answer.status.token;
    });
    const before = Math.floor(Date.now() / 1000);
    const { stdout } = await promisify(execFile)(process.execPath, [bundle.path, 'suicidal'], {
      env: {
        CHAOSGARDEN_PROBE_POD_NAME: pod?.name,
        CHAOSGARDEN_PROBE_POD_NAMESPACE: 'chaos-garden-probe',
        CHAOSGARDEN_PROBE_API_SERVER: sandbox.connection.kubeApiServerUrl,
        CHAOSGARDEN_PROBE_TOKEN: token,
        CHAOSGARDEN_PROBE_CA_FILE: sandbox.connection.kubeCaPath,
      },
      timeout: 30_000,
    });
    const after = Math.floor(Date.now() / 1000);
    const list = await client.request<{ items: { metadata: { name: string }; ready: boolean }[] }>({
      verb: 'list',
      path: '/apis/chaos.gardener.cloud/v1/heartbeats',
      operation: 'list heartbeats',
    });
    const lifecycle = list.items.filter((item) =>
      item.metadata.name.startsWith(`pod-lifecycle-probe-${zone}-`),
    );
    expect(lifecycle, stdout).toHaveLength(1);
    const timestamp = Number(lifecycle[0]?.metadata.name.split('-').at(-1));
    expect(timestamp).toBeGreaterThanOrEqual(before);
    expect(timestamp).toBeLessThanOrEqual(after);
    expect(lifecycle[0]?.ready).toBe(true);
    await eventually('the pod gone and replaced', async () => {
      const pods = (await listProbePods(client)).filter((entry) => entry.role === 'probe-suicidal-pods');
      const gone = pods.every((entry) => entry.name !== pod?.name || entry.deleting);
      return gone && pods.some((entry) => entry.name !== pod?.name) ? true : undefined;
    });
  });
});
