import { createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError, runPodFailureSimulation, runPodFailureSimulationInBackground } from '../src/index';
import { LoopbackProxy } from './support/loopback-proxy';
import { PodEventWatch } from './support/pod-event-watch';
import {
  createNamespace,
  createTestNodes,
  deleteNamespace,
  deleteNodes,
  runId,
  type SandboxCluster,
  sandboxCluster,
  type TestNode,
  waitFor,
} from './support/sandbox-cluster';
import { createOwner, createPod, listPods } from './support/test-pods';

const run = runId('cg-err');
let cluster: SandboxCluster;
let nodes: TestNode[];
const namespaces: string[] = [];
const clusterRoles: string[] = [];

async function testNamespace(suffix: string) {
  const namespace = `${run}-${suffix}`;
  namespaces.push(namespace);
  await createNamespace(cluster, namespace);
  const owner = await waitFor('the namespace', () => createOwner(cluster, namespace, 'owner'));
  const pod = (name: string) => createPod(cluster, namespace, name, `${run}-us-east-1a-pool`, owner);
  return { namespace, pod };
}

/** A service account with the given namespaced pod verbs (and list/watch on nodes), and a kubeconfig for it. */
async function limitedUser(namespace: string, podVerbs: string[]) {
  const name = 'limited';
  await cluster.call('POST', `/api/v1/namespaces/${namespace}/serviceaccounts`, { metadata: { name } });
  await cluster.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/roles`, {
    metadata: { name },
    rules: [{ apiGroups: [''], resources: ['pods'], verbs: podVerbs }],
  });
  const subjects = [{ kind: 'ServiceAccount', name, namespace }];
  await cluster.call('POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${namespace}/rolebindings`, {
    metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects,
  });
  const clusterRole = `${namespace}-nodes`;
  clusterRoles.push(clusterRole);
  await cluster.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterroles', {
    metadata: { name: clusterRole },
    rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] }],
  });
  await cluster.call('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
    metadata: { name: clusterRole },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: clusterRole },
    subjects,
  });
  const request = await cluster.call<{ status: { token: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`,
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 3600 } },
  );
  return cluster.kubeconfig(undefined, { token: request.status.token });
}

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(cluster, run, [{ zone: 'us-east-1a', pool: 'pool' }]);
});

afterAll(async () => {
  for (const namespace of namespaces) await deleteNamespace(cluster, namespace);
  for (const name of clusterRoles) {
    await cluster.call(
      'DELETE',
      `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${name}`,
      undefined,
      [200, 404],
    );
    await cluster.call(
      'DELETE',
      `/apis/rbac.authorization.k8s.io/v1/clusterroles/${name}`,
      undefined,
      [200, 404],
    );
  }
  await deleteNodes(
    cluster,
    nodes.map((node) => node.name),
  );
});

describe('runPodFailureSimulation and API errors', () => {
  it('survives 403 on delete: logs, reports, retries each pod 5 s later, deletes nothing', async () => {
    const { namespace, pod } = await testNamespace('forbidden');
    await pod('victim-0');
    await pod('victim-1');
    const logger = createMemoryLogger();
    const result = await runPodFailureSimulation({
      kubeconfig: { object: await limitedUser(namespace, ['get', 'list', 'watch']) },
      podMetadataSelector: `namespace=${namespace}`,
      podNodeLabelSelector: `chaosgarden.test/run=${run}`,
      duration: 7,
      logger,
    });
    expect(result.deleted).toEqual([]);
    // Tried at once and again after the 5 s back-off: two attempts per pod.
    expect(result.failures.map((failure) => [failure.name, failure.statusCode]).sort()).toEqual([
      ['victim-0', 403],
      ['victim-0', 403],
      ['victim-1', 403],
      ['victim-1', 403],
    ]);
    const errors = logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message);
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(
      new RegExp(
        `^Pod termination failed for https://127.0.0.1:\\d+:${namespace}/victim-\\d: KubeApiError: .*403 Forbidden: .*cannot delete resource "pods"`,
      ),
    );
    expect((await listPods(cluster, namespace)).map((remaining) => remaining.name).sort()).toEqual([
      'victim-0',
      'victim-1',
    ]);
    expect(result.reason).toBe('time-up');
  });

  it('stops at once, deleting nothing, when it may not even list pods (403 on the first list)', async () => {
    const { namespace, pod } = await testNamespace('no-list');
    await pod('untouched');
    const attempt = runPodFailureSimulation({
      kubeconfig: { object: await limitedUser(namespace, ['get']) },
      podMetadataSelector: `namespace=${namespace}`,
      duration: 30,
      logger: createMemoryLogger(),
    });
    await expect(attempt).rejects.toThrow(KubeApiError);
    await expect(attempt).rejects.toThrow(
      /list pods failed: .*403 Forbidden.*docs\/k8s.md lists the ClusterRole/,
    );
    expect((await listPods(cluster, namespace)).map((remaining) => remaining.name)).toEqual(['untouched']);
  });

  it('survives the API server going away briefly: reconnects, catches up, and reports it', async () => {
    const { namespace, pod } = await testNamespace('restart');
    const target = new URL(cluster.connection.kubeApiServerUrl);
    const proxy = new LoopbackProxy(target.hostname, Number(target.port));
    await proxy.start();
    const watch = new PodEventWatch(cluster.access, namespace);
    await watch.start();
    const logger = createMemoryLogger();
    const task = runPodFailureSimulationInBackground({
      kubeconfig: { object: cluster.kubeconfig(proxy.url) },
      podMetadataSelector: `namespace=${namespace}`,
      podNodeLabelSelector: `chaosgarden.test/run=${run}`,
      duration: -1,
      logger,
    });
    await pod('before');
    await waitFor('the first deletion', async () => watch.byName('before')?.deletionSeenAt);
    // The watch can see the deletion before the simulation has its DELETE answer: cut only after that.
    await waitFor('the simulation to count the first deletion', async () =>
      logger.entries.some((entry) => /^Pod terminated: .*before/.test(entry.message)) ? true : undefined,
    );
    await proxy.cut();
    await pod('during-outage');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(watch.byName('during-outage')?.deletionSeenAt).toBeUndefined();
    await proxy.restore();
    await waitFor(
      'the deletion after the outage',
      async () => watch.byName('during-outage')?.deletionSeenAt,
      15_000,
    );
    await pod('after');
    await waitFor('the deletion after recovery', async () => watch.byName('after')?.deletionSeenAt, 5_000);
    await task.terminate();
    const result = await task.join();
    await proxy.stop();
    watch.stop();

    expect(result.deleted.map((deleted) => deleted.name).sort()).toEqual([
      'after',
      'before',
      'during-outage',
    ]);
    expect(result.failures.some((failure) => failure.operation === 'watch pods')).toBe(true);
    const messages = logger.entries.map((entry) => entry.message);
    expect(
      messages.some((message) => /^Pod termination failed: KubeApiError: .*watch pods failed/.test(message)),
    ).toBe(true);
    expect(messages).toContain(`Watching pods in ${proxy.url} again.`);
    // Reconnected from its resource version: the pods were not listed again.
    expect(result.requests.list).toBe(2);
  });
});
