import { createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PodFailureSimulationOptions, runPodFailureSimulation } from '../src/index';
import {
  createNamespace,
  createTestNodes,
  deleteNamespace,
  deleteNodes,
  runId,
  type SandboxCluster,
  sandboxCluster,
  type TestNode,
} from './support/sandbox-cluster';
import {
  createDaemonSet,
  createPod,
  createReplicaSet,
  type PodInfo,
  podKey,
  waitForSteadyPods,
} from './support/test-pods';

// Six kwok nodes (three zones × pools blue/green) of this file only; two namespaces with pods owned by
// ReplicaSets, by a DaemonSet and by nothing.
const run = runId('cg-sel');
const nsA = `${run}-a`;
const nsB = `${run}-b`;
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const steadyA = { web: 6, agent: 6, '-': 3 };
const steadyB = { web: 3, api: 3 };
const runSelector = `chaosgarden.test/run=${run}`;

let cluster: SandboxCluster;
let nodes: TestNode[];
let pods: PodInfo[];

const nodeOf = (pod: PodInfo) => nodes.find((node) => node.name === pod.node) as TestNode;

async function simulate(options: PodFailureSimulationOptions) {
  const logger = createMemoryLogger();
  const result = await runPodFailureSimulation({
    kubeconfig: { path: cluster.connection.kubeconfigPath },
    logger,
    ...options,
  });
  return { result, logger, deleted: result.deleted.map(podKey).sort() };
}

function expected(predicate: (pod: PodInfo) => boolean): string[] {
  const keys = pods.filter(predicate).map(podKey).sort();
  // A case that selects nothing, or everything, could not tell right from wrong.
  expect(keys.length).toBeGreaterThan(0);
  expect(keys.length).toBeLessThan(pods.length);
  return keys;
}

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(
    cluster,
    run,
    zones.flatMap((zone) => ['blue', 'green'].map((pool) => ({ zone, pool }))),
  );
  await createNamespace(cluster, nsA);
  await createNamespace(cluster, nsB);
  const onMyNodes = { 'chaosgarden.test/run': run };
  await createReplicaSet(cluster, nsA, 'web', 6, onMyNodes);
  await createDaemonSet(cluster, nsA, 'agent', onMyNodes);
  await createReplicaSet(cluster, nsB, 'web', 3, onMyNodes);
  await createReplicaSet(cluster, nsB, 'api', 3, onMyNodes);
  for (const zone of zones) {
    await createPod(cluster, nsA, `bare-${zone}`, `${run}-${zone}-blue`);
  }
});

afterAll(async () => {
  await deleteNamespace(cluster, nsA);
  await deleteNamespace(cluster, nsB);
  await deleteNodes(
    cluster,
    nodes.map((node) => node.name),
  );
});

beforeEach(async () => {
  pods = [
    ...(await waitForSteadyPods(cluster, nsA, steadyA)),
    ...(await waitForSteadyPods(cluster, nsB, steadyB)),
  ];
});

describe('runPodFailureSimulation selects pods like the Python tool', () => {
  it('deletes the owned pods on the nodes of one zone (node-label selector), never bare pods', async () => {
    const { deleted, result } = await simulate({
      podNodeLabelSelector: `topology.kubernetes.io/zone=us-east-1a,${runSelector}`,
    });
    expect(deleted).toEqual(
      expected((pod) => nodeOf(pod).zone === 'us-east-1a' && pod.ownerKind !== undefined),
    );
    expect(deleted).not.toContain(`${nsA}/bare-us-east-1a`);
    expect(result.deleted.every((pod) => pod.zone === 'us-east-1a')).toBe(true);
    expect(result.reason).toBe('single-invocation');
  });

  it('selects a worker pool by node label within one namespace', async () => {
    const { deleted } = await simulate({
      podNodeLabelSelector: `${runSelector},worker.gardener.cloud/pool=green`,
      podMetadataSelector: `namespace=${nsA}`,
    });
    expect(deleted).toEqual(
      expected((pod) => pod.namespace === nsA && nodeOf(pod).pool === 'green' && pod.ownerKind !== undefined),
    );
  });

  it('passes the label selector to the API server as is (set-based syntax works)', async () => {
    const { deleted } = await simulate({
      podNodeLabelSelector: runSelector,
      podLabelSelector: 'app in (api)',
    });
    expect(deleted).toEqual(expected((pod) => pod.labels.app === 'api'));
  });

  it('matches metadata with a prefix regex and a negated regex', async () => {
    const { deleted } = await simulate({
      podNodeLabelSelector: runSelector,
      podMetadataSelector: `namespace=~${run}-,name!~web`,
    });
    expect(deleted).toEqual(expected((pod) => !pod.name.startsWith('web') && pod.ownerKind !== undefined));
  });

  it('treats =~ as a prefix match by default and as a full match with strictSelectors', async () => {
    const prefix = await simulate({
      podNodeLabelSelector: runSelector,
      podMetadataSelector: `namespace=${nsB},name=~ap`,
    });
    expect(prefix.deleted).toEqual(expected((pod) => pod.namespace === nsB && pod.name.startsWith('ap')));
    pods = await waitForSteadyPods(cluster, nsB, steadyB);
    const strict = await simulate({
      podNodeLabelSelector: runSelector,
      podMetadataSelector: `namespace=${nsB},name=~ap`,
      strictSelectors: true,
    });
    expect(strict.deleted).toEqual([]);
    const strictFull = await simulate({
      podNodeLabelSelector: runSelector,
      podMetadataSelector: `namespace=${nsB},name=~api-.*`,
      strictSelectors: true,
    });
    expect(strictFull.deleted).toEqual(
      expected((pod) => pod.namespace === nsB && pod.name.startsWith('api-')),
    );
  });

  it('selects by owner: kind!=DaemonSet spares DaemonSet pods, kind=DaemonSet takes only them', async () => {
    const notDaemonSets = await simulate({
      podMetadataSelector: `namespace=${nsA}`,
      podOwnerSelector: 'kind!=DaemonSet',
    });
    expect(notDaemonSets.deleted).toEqual(
      expected((pod) => pod.namespace === nsA && pod.ownerKind === 'ReplicaSet'),
    );
    pods = await waitForSteadyPods(cluster, nsA, steadyA);
    const daemonSets = await simulate({
      podNodeLabelSelector: runSelector,
      podOwnerSelector: 'kind=DaemonSet,name=~ag',
    });
    expect(daemonSets.deleted).toEqual(expected((pod) => pod.ownerKind === 'DaemonSet'));
  });

  it('narrows the list and the watch to the namespace the metadata selector pins', async () => {
    const { result } = await simulate({ podMetadataSelector: `namespace=${nsB},name=~web` });
    expect(result.deleted.map((pod) => pod.namespace)).toEqual(Array(3).fill(nsB));
    expect(result.requests).toMatchObject({ list: 2, get: 0, delete: 3 });
  });

  it('logs the Python tool lines for the start and each scheduled pod', async () => {
    const { logger, result } = await simulate({
      podNodeLabelSelector: `topology.kubernetes.io/zone=us-east-1b,${runSelector}`,
      podOwnerSelector: 'kind=DaemonSet',
      gracePeriod: 0,
    });
    const lines = logger.entries.map((entry) => entry.message);
    expect(lines.find((line) => line.startsWith('Terminating pods'))).toBe(
      `Terminating pods in ${result.host} matching pod_node_label_selector=[topology.kubernetes.io/zone == us-east-1b, ` +
        `chaosgarden.test/run == ${run}], pod_label_selector=None, pod_metadata_selector=[], ` +
        'pod_owner_selector=[kind == DaemonSet] with runtime between 0s and 0s with a grace period of 0s.',
    );
    const scheduled = lines.filter((line) => line.startsWith('Scheduling pod termination: '));
    expect(scheduled).toHaveLength(2);
    expect(scheduled[0]).toMatch(
      /^Scheduling pod termination: https:\/\/127\.0\.0\.1:\d+:.+\/agent-\w+ at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/,
    );
    expect(lines.at(-1)).toMatch(/^Single invocation performed for runPodFailureSimulation at/);
  });

  it('refuses empty selectors and malformed ones before deleting anything', async () => {
    await expect(simulate({})).rejects.toThrow(/Refusing to delete pods: .* are all empty/);
    await expect(simulate({ podMetadataSelector: `namespace=${nsA},name~=web` })).rejects.toThrow(
      /Selector requirement "name~=web" invalid!.*column \d+/,
    );
    await expect(
      simulate({ podNodeLabelSelector: runSelector, podLabelSelector: 'app in (web' }),
    ).rejects.toThrow(/The API server rejected podLabelSelector "app in \(web"/);
    await expect(simulate({ podNodeLabelSelector: runSelector, maxTargets: 5 })).rejects.toThrow(
      /Found 18 pods, more than maxTargets \(5\); nothing was changed/,
    );
    const after = [
      ...(await waitForSteadyPods(cluster, nsA, steadyA)),
      ...(await waitForSteadyPods(cluster, nsB, steadyB)),
    ];
    expect(after.map(podKey).sort()).toEqual(pods.map(podKey).sort());
  });
});
