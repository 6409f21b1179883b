import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPodFailureSimulation } from '../src/index';
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
import { createPod, listPods } from './support/test-pods';

// Pods with fixed names on fixed nodes, owned (controller: false) by a ReplicaSet or DaemonSet whose selector
// matches none of them, so no controller touches them: after each run the deleted ones are re-created
// exactly, and the Python tool and this package face the same pods.
const run = runId('cg-parity');
const nsA = `${run}-a`;
const nsB = `${run}-b`;
const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const pools = ['blue', 'green'];
const runNodes = `chaosgarden.test/run=${run}`;

interface FixturePod {
  namespace: string;
  name: string;
  node: string;
  owner?: 'ReplicaSet/web' | 'ReplicaSet/api' | 'DaemonSet/agent';
}

let cluster: SandboxCluster;
let nodes: TestNode[];
const owners = new Map<
  string,
  { apiVersion: string; kind: string; name: string; uid: string; controller: boolean }
>();
const fixture: FixturePod[] = [];

async function createOwnerObject(namespace: string, kind: 'ReplicaSet' | 'DaemonSet', name: string) {
  const template = {
    metadata: { labels: { owner: name } },
    spec: { nodeSelector: { 'chaosgarden.test/none': 'none' }, containers: [{ name: 'c', image: 'fake' }] },
  };
  const spec = kind === 'ReplicaSet' ? { replicas: 0 } : {};
  const plural = kind === 'ReplicaSet' ? 'replicasets' : 'daemonsets';
  const object = await cluster.call<{ metadata: { uid: string } }>(
    'POST',
    `/apis/apps/v1/namespaces/${namespace}/${plural}`,
    {
      metadata: { name },
      spec: { ...spec, selector: { matchLabels: { owner: name } }, template },
    },
  );
  owners.set(`${namespace}/${kind}/${name}`, {
    apiVersion: 'apps/v1',
    kind,
    name,
    uid: object.metadata.uid,
    controller: false,
  });
}

async function restoreFixture(): Promise<void> {
  for (const namespace of [nsA, nsB]) {
    const present = new Set((await listPods(cluster, namespace)).map((pod) => pod.name));
    for (const pod of fixture.filter((entry) => entry.namespace === namespace && !present.has(entry.name))) {
      const owner = pod.owner === undefined ? undefined : owners.get(`${namespace}/${pod.owner}`);
      const app = pod.name.split('-')[0] ?? pod.name;
      await createPod(cluster, namespace, pod.name, pod.node, owner, { app });
    }
  }
}

/** Runs one pass and returns the names of the fixture pods that are gone or terminating afterwards. */
async function deletedBy(runPass: () => Promise<unknown>): Promise<string[]> {
  await restoreFixture();
  await runPass();
  const remaining = await Promise.all([nsA, nsB].map((namespace) => listPods(cluster, namespace)));
  const alive = new Set(
    remaining
      .flat()
      .filter((pod) => !pod.terminating)
      .map((pod) => `${pod.namespace}/${pod.name}`),
  );
  return fixture
    .map((pod) => `${pod.namespace}/${pod.name}`)
    .filter((key) => !alive.has(key))
    .sort();
}

type Selectors = Partial<
  Record<'podNodeLabelSelector' | 'podLabelSelector' | 'podMetadataSelector' | 'podOwnerSelector', string>
>;

async function python(selectors: Selectors): Promise<void> {
  const snake = Object.fromEntries(
    Object.entries(selectors).map(([key, value]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      value,
    ]),
  );
  const script = [
    'import json, sys',
    'from chaosgarden.k8s.actions import run_pod_failure_simulation',
    'run_pod_failure_simulation(**json.loads(sys.argv[1]))',
  ].join('\n');
  const argument = JSON.stringify({
    ...snake,
    secrets: { kubeconfig_path: cluster.connection.kubeconfigPath },
  });
  await promisify(execFile)(cluster.connection.referencePython, ['-c', script, argument], {
    timeout: 60_000,
  });
}

async function typescript(selectors: Selectors): Promise<void> {
  await runPodFailureSimulation({
    kubeconfig: { path: cluster.connection.kubeconfigPath },
    logger: createMemoryLogger(),
    ...selectors,
  });
}

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(
    cluster,
    run,
    zones.flatMap((zone) => pools.map((pool) => ({ zone, pool }))),
  );
  for (const namespace of [nsA, nsB]) await createNamespace(cluster, namespace);
  await waitFor('the namespaces', async () => {
    await createOwnerObject(nsA, 'ReplicaSet', 'web');
    return true;
  });
  await createOwnerObject(nsA, 'DaemonSet', 'agent');
  await createOwnerObject(nsB, 'ReplicaSet', 'api');
  for (const node of nodes) {
    const suffix = `${node.zone}-${node.pool}`;
    fixture.push({ namespace: nsA, name: `web-${suffix}`, node: node.name, owner: 'ReplicaSet/web' });
    fixture.push({ namespace: nsA, name: `agent-${suffix}`, node: node.name, owner: 'DaemonSet/agent' });
    fixture.push({ namespace: nsB, name: `api-${suffix}`, node: node.name, owner: 'ReplicaSet/api' });
    if (node.pool === 'blue') fixture.push({ namespace: nsA, name: `bare-${node.zone}`, node: node.name });
  }
});

afterAll(async () => {
  for (const namespace of [nsA, nsB]) await deleteNamespace(cluster, namespace);
  await deleteNodes(
    cluster,
    nodes.map((node) => node.name),
  );
});

describe('the same pods are deleted as by the Python chaosgarden', () => {
  it.each<[string, Selectors]>([
    ['a zone', { podNodeLabelSelector: `topology.kubernetes.io/zone=us-east-1a,${runNodes}` }],
    [
      'a pool in a namespace',
      {
        podNodeLabelSelector: `${runNodes},worker.gardener.cloud/pool=green`,
        podMetadataSelector: `namespace=${nsA}`,
      },
    ],
    [
      'regex and negated regex on metadata',
      { podNodeLabelSelector: runNodes, podMetadataSelector: `namespace=~${run}-,name!~web` },
    ],
    ['a prefix regex', { podNodeLabelSelector: runNodes, podMetadataSelector: 'name=~agent-us-east-1' }],
    ['not DaemonSets', { podNodeLabelSelector: runNodes, podOwnerSelector: 'kind!=DaemonSet' }],
    [
      'owner kind and name regex',
      { podNodeLabelSelector: runNodes, podOwnerSelector: 'kind=ReplicaSet,name=~we' },
    ],
    ['a set-based label selector', { podNodeLabelSelector: runNodes, podLabelSelector: 'app in (api,bare)' }],
    [
      'inequality on a missing key',
      { podNodeLabelSelector: `${runNodes},missing!=x`, podMetadataSelector: `namespace=${nsB}` },
    ],
  ])('%s', async (_, selectors) => {
    const byPython = await deletedBy(() => python(selectors));
    const byTypeScript = await deletedBy(() => typescript(selectors));
    expect(byPython.length).toBeGreaterThan(0);
    expect(byPython.length).toBeLessThan(fixture.length);
    expect(byTypeScript).toEqual(byPython);
  });
});
