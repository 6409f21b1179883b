import { kubeAccess, kubeRequest, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchDirectory, startCli } from './support/run-cli';

const connection = readSandboxConnection();
const access = kubeAccess(connection);
const namespace = `cli-direct-pods-${Date.now().toString(36)}`;

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await kubeRequest<T>(access, method, path, body === undefined ? {} : { body });
  if (response.status >= 300)
    throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 300)}`);
  return response.body;
}

/** A Deployment whose pods are pinned to the kwok node of `zone` (its ReplicaSet owns them). */
async function deployment(name: string, zone: string, replicas: number) {
  await call('POST', `/apis/apps/v1/namespaces/${namespace}/deployments`, {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: {
          nodeName: `kwok-node-${zone}`,
          automountServiceAccountToken: false,
          containers: [{ name: 'c', image: 'fake' }],
        },
      },
    },
  });
}

interface PodItem {
  metadata: { name: string; deletionTimestamp?: string; ownerReferences?: { kind: string }[] };
  spec: { nodeName?: string };
}

async function livePods(): Promise<PodItem[]> {
  const list = await call<{ items: PodItem[] }>('GET', `/api/v1/namespaces/${namespace}/pods`);
  return list.items.filter((item) => item.metadata.deletionTimestamp === undefined);
}

async function waitForPods(count: number): Promise<PodItem[]> {
  for (let attempt = 0; attempt < 120; attempt++) {
    const pods = await livePods();
    if (pods.length === count) return pods;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${namespace}: expected ${count} pods, have ${(await livePods()).length}`);
}

describe('chaosgarden k8s pods (direct command)', () => {
  afterAll(() => call('DELETE', `/api/v1/namespaces/${namespace}`));

  it('deletes the ReplicaSet pods in us-east-1a selected by node label and namespace, not the one in 1b', async () => {
    await call('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
    await deployment('web-a', 'us-east-1a', 2);
    await deployment('web-b', 'us-east-1b', 1);
    const before = await waitForPods(3);
    expect(before.every((pod) => pod.metadata.ownerReferences?.[0]?.kind === 'ReplicaSet')).toBe(true);
    const inA = before
      .filter((pod) => pod.spec.nodeName === 'kwok-node-us-east-1a')
      .map((pod) => pod.metadata.name)
      .sort();
    const inB = before
      .filter((pod) => pod.spec.nodeName === 'kwok-node-us-east-1b')
      .map((pod) => pod.metadata.name);
    expect(inA).toHaveLength(2);
    expect(inB).toHaveLength(1);

    const { code, stdout, stderr } = await startCli(
      [
        'k8s',
        'pods',
        '--kubeconfig',
        connection.kubeconfigPath,
        '--pod-node-label-selector',
        'topology.kubernetes.io/zone=us-east-1a',
        '--pod-metadata-selector',
        `namespace=${namespace}`,
        '--duration',
        '0',
        '--yes',
      ],
      scratchDirectory(),
      { KUBECONFIG: '/nonexistent/kubeconfig' },
    ).done;
    expect(stderr).toContain('Terminating pods in');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { deleted: { name: string; namespace: string; zone: string }[] };
    expect(result.deleted.map((pod) => pod.name).sort()).toEqual(inA);
    expect(result.deleted.every((pod) => pod.zone === 'us-east-1a' && pod.namespace === namespace)).toBe(
      true,
    );

    const live = (await livePods()).map((pod) => pod.metadata.name);
    for (const name of inA) expect(live).not.toContain(name);
    expect(live).toContain(inB[0]);
  });
});
