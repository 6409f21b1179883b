import { createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPodFailureSimulation, runPodFailureSimulationInBackground } from '../src/index';
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

const run = runId('cg-time');
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const unmanagedNode = `${run}-no-kubelet`;
let cluster: SandboxCluster;
let nodes: TestNode[];
const namespaces: string[] = [];

/** A namespace of its own per test, with a ConfigMap owning its pods (no controller re-creates them). */
async function testNamespace(suffix: string) {
  const namespace = `${run}-${suffix}`;
  namespaces.push(namespace);
  await createNamespace(cluster, namespace);
  const owner = await waitFor('the namespace', () => createOwner(cluster, namespace, 'owner'));
  const watch = new PodEventWatch(cluster.access, namespace);
  await watch.start();
  const pod = (name: string, zone: string) =>
    createPod(cluster, namespace, name, `${run}-${zone}-pool`, owner);
  return { namespace, owner, watch, pod };
}

const zoneSelector = (zone: string) => `topology.kubernetes.io/zone=${zone},chaosgarden.test/run=${run}`;

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(
    cluster,
    run,
    zones.map((zone) => ({ zone, pool: 'pool' })),
  );
  // A node no kwok acts for: deleted pods on it stay Terminating, so their grace period can be read back.
  await cluster.call('POST', '/api/v1/nodes', {
    metadata: {
      name: unmanagedNode,
      labels: {
        'topology.kubernetes.io/zone': 'us-east-1c',
        'chaosgarden.test/run': run,
        'chaosgarden.test/kubelet': 'none',
      },
    },
  });
});

afterAll(async () => {
  for (const namespace of namespaces) await deleteNamespace(cluster, namespace);
  await deleteNodes(cluster, [...nodes.map((node) => node.name), unmanagedNode]);
});

describe('runPodFailureSimulation timing', () => {
  it('deletes each pod between minRuntime and maxRuntime after its creation, also pods created during the run', async () => {
    const { namespace, watch, pod } = await testNamespace('runtime');
    const before = [];
    for (let index = 0; index < 4; index++) before.push(await pod(`early-${index}`, 'us-east-1a'));
    const survivor = await pod('other-zone', 'us-east-1b');
    const task = runPodFailureSimulationInBackground({
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podNodeLabelSelector: zoneSelector('us-east-1a'),
      podMetadataSelector: `namespace=${namespace}`,
      minRuntime: 2,
      maxRuntime: 4,
      duration: 9,
      logger: createMemoryLogger(),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const late = [await pod('late-0', 'us-east-1a'), await pod('late-1', 'us-east-1a')];
    const lateSurvivor = await pod('late-other-zone', 'us-east-1c');
    const result = await task.join();

    const targets = [...before, ...late];
    expect(result.deleted.map((deleted) => deleted.name).sort()).toEqual(
      targets.map((target) => target.name).sort(),
    );
    for (const target of targets) {
      const created = Date.parse(target.creationTimestamp);
      const deleted = result.deleted.find((entry) => entry.uid === target.uid);
      const runtimeSeconds = (Date.parse(deleted?.dueAt ?? '') - created) / 1000;
      expect([2, 3, 4]).toContain(runtimeSeconds);
      // Deleted after it was due ("due" = strictly later), and promptly: seen by a separate watch.
      const seen = watch.byName(target.name)?.deletionSeenAt ?? Number.NaN;
      expect(seen - created).toBeGreaterThan(runtimeSeconds * 1000);
      expect(seen - created).toBeLessThan((runtimeSeconds + 1.5) * 1000);
    }
    const remaining = (await listPods(cluster, namespace)).map((remainingPod) => remainingPod.name);
    expect(remaining.sort()).toEqual([survivor.name, lateSurvivor.name].sort());
    expect(result.reason).toBe('time-up');
    expect(result.netDurationSeconds).toBeGreaterThan(9);
    watch.stop();
  });

  it('sees and deletes a pod created during the run within a fraction of a second (runtime 0)', async () => {
    const { namespace, watch, pod } = await testNamespace('fresh');
    const task = runPodFailureSimulationInBackground({
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podNodeLabelSelector: zoneSelector('us-east-1b'),
      podMetadataSelector: `namespace=${namespace}`,
      duration: -1,
      logger: createMemoryLogger(),
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const latencies: number[] = [];
    for (let index = 0; index < 5; index++) {
      const created = await pod(`fresh-${index}`, 'us-east-1b');
      const observed = await waitFor(
        'the deletion',
        async () => watch.byName(created.name)?.deletionSeenAt,
        5_000,
      );
      latencies.push(observed - (watch.byName(created.name)?.addedAt ?? observed));
    }
    await task.terminate();
    const result = await task.join();
    expect(result.reason).toBe('termination-requested');
    expect(result.deleted).toHaveLength(5);
    // The Python tool lists once a second: up to 1 s plus the list time. A watch sees the pod at once.
    expect(Math.max(...latencies)).toBeLessThan(500);
    expect(result.requests).toMatchObject({ list: 2, watch: 2, get: 0 });
    watch.stop();
  });

  it('deletes every due pod in one pass, also more than it deletes at a time', async () => {
    const { namespace, owner } = await testNamespace('many');
    const names = Array.from({ length: 45 }, (_, index) => `many-${index}`);
    await Promise.all(
      names.map((name) => createPod(cluster, namespace, name, `${run}-us-east-1c-pool`, owner)),
    );
    const result = await runPodFailureSimulation({
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podNodeLabelSelector: zoneSelector('us-east-1c'),
      podMetadataSelector: `namespace=${namespace}`,
      logger: createMemoryLogger(),
    });
    expect(result.deleted.map((deleted) => deleted.name).sort()).toEqual([...names].sort());
    expect(result.reason).toBe('single-invocation');
    expect(await listPods(cluster, namespace)).toEqual([]);
  });

  it('sends the grace period with the deletion', async () => {
    const { namespace, owner } = await testNamespace('grace');
    const target = await createPod(cluster, namespace, 'graceful', unmanagedNode, owner);
    const result = await runPodFailureSimulation({
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podNodeLabelSelector: `chaosgarden.test/kubelet=none,chaosgarden.test/run=${run}`,
      podMetadataSelector: `namespace=${namespace}`,
      gracePeriod: 30,
      logger: createMemoryLogger(),
    });
    expect(result.deleted.map((deleted) => deleted.uid)).toEqual([target.uid]);
    const [terminating] = await listPods(cluster, namespace);
    expect(terminating).toMatchObject({ uid: target.uid, terminating: true, deletionGracePeriodSeconds: 30 });
    await cluster.call('DELETE', `/api/v1/namespaces/${namespace}/pods/graceful`, { gracePeriodSeconds: 0 });
  });
});
