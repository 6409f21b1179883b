import { createMemoryLogger, type MemoryLogger } from '@chaosgarden/core';
import {
  acquireSandboxLock,
  type FaultProxy,
  type FaultProxyStats,
  readSandboxConnection,
  startFaultProxy,
} from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import { runClusterHealthProbe, runPodFailureSimulation } from '../src/index';
import { buildAgentBundle } from './health-probe-support/agent-bundle';
import { eventually, existingProbeResources, probeTestCluster } from './health-probe-support/probe-cluster';
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
import { createOwner, createPod, listPods } from './support/test-pods';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

// Every fault kind, 20 % of the calls. A fixed seed keeps the run repeatable; CHAOSGARDEN_FAULT_SEED
// tries another sequence.
/** 20 % in CI; `CHAOSGARDEN_FAULT_RATE=0.4` tries another rate. */
const failureRate = Number(process.env.CHAOSGARDEN_FAULT_RATE ?? 0.2);
const seed = Number(process.env.CHAOSGARDEN_FAULT_SEED ?? 42);
/**
 * How many faults a test must have seen so it cannot pass without any: known for the default seed;
 * another seed may put its faults elsewhere, so there only the cluster's state and the log are checked.
 */
const atLeast = (count: number) => (process.env.CHAOSGARDEN_FAULT_SEED === undefined ? count : 0);
const run = runId('cg-faults');
let cluster: SandboxCluster;
let nodes: TestNode[];
const proxies: FaultProxy[] = [];

async function faultProxy(): Promise<FaultProxy> {
  const proxy = await startFaultProxy({
    target: cluster.connection.kubeApiServerUrl,
    ca: cluster.access.caPem,
    failureRate,
    flavor: 'kube',
    seed,
    delayMs: [100, 800],
  });
  proxies.push(proxy);
  return proxy;
}

/** An admin kubeconfig pointing at the proxy (plain HTTP on 127.0.0.1). */
function kubeconfigThrough(proxy: FaultProxy) {
  return {
    'current-context': 'faults',
    // client-node refuses plain HTTP without insecure-skip-tls-verify
    clusters: [{ name: 'faults', cluster: { server: proxy.url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'admin', user: { token: cluster.connection.token } }],
    contexts: [{ name: 'faults', context: { cluster: 'faults', user: 'admin' } }],
  };
}

function refusals(stats: FaultProxyStats, operation?: string): number {
  const counts = operation === undefined ? stats : stats.byOperation[operation];
  if (counts === undefined) return 0;
  return counts.faults.throttle + counts.faults.serverError + counts.faults.connectionReset;
}

/** The `Retrying <operation> after …` lines, as `<operation>`. */
function retriedOperations(logger: MemoryLogger): string[] {
  return logger.entries
    .filter((entry) => entry.level === 'warn')
    .map((entry) => /^Retrying (.+?) after /.exec(entry.message)?.[1])
    .filter((operation): operation is string => operation !== undefined);
}

/** Figures for the docs, printed with the seed that produced them. */
function report(what: string, stats: FaultProxyStats, logger: MemoryLogger) {
  console.info(
    `${what} at ${failureRate * 100} % (seed ${stats.seed}): ${stats.requests} requests, faults ${JSON.stringify(stats.faults)}, ${retriedOperations(logger).length} retries logged (${[...new Set(retriedOperations(logger))].join(', ')})`,
  );
}

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(cluster, run, [
    { zone: 'us-east-1a', pool: 'pool' },
    { zone: 'us-east-1b', pool: 'pool' },
  ]);
});

afterAll(async () => {
  for (const proxy of proxies) await proxy.close();
  await deleteNodes(
    cluster,
    nodes.map((node) => node.name),
  );
});

describe('runPodFailureSimulation with 20 % of API calls failing', () => {
  const namespace = `${run}-pods`;
  afterAll(() => deleteNamespace(cluster, namespace));

  it('deletes exactly the pods of the zone and names each retried call in the log', async () => {
    await createNamespace(cluster, namespace);
    const owner = await eventually('the namespace', () => createOwner(cluster, namespace, 'owner'));
    for (let index = 0; index < 16; index++) {
      await createPod(cluster, namespace, `a-${index}`, `${run}-us-east-1a-pool`, owner);
    }
    for (let index = 0; index < 6; index++) {
      await createPod(cluster, namespace, `b-${index}`, `${run}-us-east-1b-pool`, owner);
    }
    const proxy = await faultProxy();
    const logger = createMemoryLogger();
    const result = await runPodFailureSimulation({
      kubeconfig: { object: kubeconfigThrough(proxy) },
      podMetadataSelector: `namespace=${namespace}`,
      podNodeLabelSelector: `topology.kubernetes.io/zone=us-east-1a,chaosgarden.test/run=${run}`,
      duration: 4,
      logger,
    });
    const stats = proxy.stats();
    report('pod failure simulation', stats, logger);

    const expected = Array.from({ length: 16 }, (_, index) => `a-${index}`).sort();
    expect(result.deleted.map((pod) => pod.name).sort()).toEqual(expected);
    const remaining = await eventually('the deleted pods to be gone', async () => {
      const pods = await listPods(cluster, namespace);
      return pods.length === 6 ? pods : undefined;
    });
    expect(remaining.map((pod) => pod.name).sort()).toEqual(['b-0', 'b-1', 'b-2', 'b-3', 'b-4', 'b-5']);
    // Faults were injected, and every refused call was retried rather than reported as a failure.
    expect(refusals(stats)).toBeGreaterThanOrEqual(atLeast(4));
    expect(result.failures).toEqual([]);
    const retried = retriedOperations(logger);
    expect(retried).toHaveLength(refusals(stats));
    for (const operation of retried) expect(operation).toMatch(/^(delete pod |list |watch )/);
  });
});

describe('runClusterHealthProbe with 20 % of API calls failing', () => {
  let client: KubeClient;
  let releaseLock: (() => void) | undefined;
  beforeAll(async () => {
    releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
    ({ client } = await probeTestCluster());
  });
  afterAll(() => {
    client?.close();
    releaseLock?.();
  });

  it('installs, runs and removes every probe resource, the namespace included', async () => {
    const proxy = await faultProxy();
    const logger = createMemoryLogger();
    const { source } = await buildAgentBundle();
    const probing = runClusterHealthProbe({
      kubeconfig: { object: kubeconfigThrough(proxy) },
      duration: 6,
      silent: true,
      agentSource: source,
      logger,
    });
    probing.catch(() => undefined);
    // Installed: seen directly at the API server, not through the proxy.
    await eventually('the probe namespace', async () =>
      (await existingProbeResources(client)).includes('Namespace chaos-garden-probe') ? true : undefined,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logger.entries.map((entry) => entry.message).join('\n')}`);
    });
    expect(typeof (await probing)).toBe('boolean');
    const stats = proxy.stats();
    report('cluster health probe', stats, logger);

    expect(await existingProbeResources(client)).toEqual([]);
    const namespace = await client
      .request({ verb: 'get', path: '/api/v1/namespaces/chaos-garden-probe', operation: 'get namespace' })
      .catch((error: unknown) => error);
    expect(namespace).toMatchObject({ statusCode: 404 });
    expect(refusals(stats)).toBeGreaterThanOrEqual(atLeast(8));
    // The regional API heartbeat is the measurement: a refused one is a failed probe, not a retry.
    const heartbeats = refusals(stats, 'POST /apis/chaos.gardener.cloud/v1/heartbeats');
    const failedProbes = logger.entries.filter((entry) =>
      entry.message.startsWith('API probe failed:'),
    ).length;
    expect(failedProbes).toBeGreaterThanOrEqual(heartbeats);
    // At least one retry per other refusal; the API server adds 503s of its own while new definitions settle.
    expect(retriedOperations(logger).length).toBeGreaterThanOrEqual(refusals(stats) - heartbeats);
    expect(retriedOperations(logger)).not.toContainEqual(
      expect.stringMatching(/^create heartbeat api-probe-regional-/),
    );
    expect(
      retriedOperations(logger).filter((operation) => /^(create|delete) /.test(operation)).length,
    ).toBeGreaterThanOrEqual(atLeast(3));
  });
});
