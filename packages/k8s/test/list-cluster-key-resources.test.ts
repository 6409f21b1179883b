import { createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listClusterKeyResources } from '../src/index';
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
import { createPod, createReplicaSet, waitForSteadyPods } from './support/test-pods';

const run = runId('cg-keys');
const namespace = `${run}-ns`;
let cluster: SandboxCluster;
let nodes: TestNode[];

beforeAll(async () => {
  cluster = sandboxCluster();
  nodes = await createTestNodes(cluster, run, [
    { zone: 'us-east-1b', pool: 'pool' },
    { zone: 'us-east-1a', pool: 'pool' },
  ]);
  await createNamespace(cluster, namespace);
  await createReplicaSet(cluster, namespace, 'web', 2, { 'chaosgarden.test/run': run });
  await createPod(cluster, namespace, 'bare', `${run}-us-east-1a-pool`);
  const now = new Date(Date.now() - 90_000).toISOString().replace(/\.\d+Z$/, '.000000Z');
  for (const [name, holder] of [
    ['leader', 'pod-1'],
    ['idle', undefined],
  ] as const) {
    await cluster.call('POST', `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases`, {
      metadata: { name, labels: { role: name } },
      spec: holder ? { holderIdentity: holder, acquireTime: now, renewTime: now } : {},
    });
  }
  await waitForSteadyPods(cluster, namespace, { web: 2, '-': 1 });
});

afterAll(async () => {
  await deleteNamespace(cluster, namespace);
  await deleteNodes(
    cluster,
    nodes.map((node) => node.name),
  );
});

describe('listClusterKeyResources', () => {
  it('returns nodes, the selected pods with their zone, and the selected leases, as data and as a table', async () => {
    const logger = createMemoryLogger();
    const resources = await listClusterKeyResources({
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podMetadataSelector: `namespace=${namespace}`,
      leaseMetadataSelector: `namespace=${namespace}`,
      leaseLabelSelector: 'role in (leader, idle)',
      logger,
    });

    const mine = resources.nodes.filter((node) => node.name.startsWith(run));
    expect(mine.map((node) => [node.name, node.zone, node.status])).toEqual([
      [`${run}-us-east-1a-pool`, 'us-east-1a', 'Ready'],
      [`${run}-us-east-1b-pool`, 'us-east-1b', 'Ready'],
    ]);
    // The bare pod has no owner: like the Python tool, it is never selected.
    expect(resources.pods).toHaveLength(2);
    for (const pod of resources.pods) {
      expect(pod).toMatchObject({ namespace, ready: 'Ready', phase: 'Running' });
      expect(pod.name).toMatch(/^web-/);
      expect(nodes.find((node) => node.name === pod.node)?.zone).toBe(pod.zone);
    }
    expect(resources.leases.map((lease) => [lease.name, lease.holder, lease.acquiredAgo])).toEqual([
      ['idle', undefined, 'N/A'],
      ['leader', 'pod-1', expect.stringMatching(/^1m3\ds$/)],
    ]);

    const { lines } = resources;
    expect(lines[0]).toBe('Nodes:');
    expect(lines[1]).toBe(`  ${'NAME'.padEnd(75)} ${'STATUS'.padEnd(21)} ${'CREATED'.padEnd(10)} ZONE`);
    const podLine = lines.find((line) => line.startsWith(`- ${namespace}/web-`));
    expect(podLine).toMatch(
      new RegExp(
        `^- ${namespace}/web-\\w+ +Ready \\(Running\\) +\\d+s +us-east-1[ab] \\(${run}-us-east-1[ab]-pool\\)$`,
      ),
    );
    expect(podLine?.indexOf('Ready (Running)')).toBe(2 + 75 + 1);
    const leaseColumns = `${'N/A'.padEnd(10)} ${'N/A'.padEnd(10)}`;
    expect(lines).toContainEqual(
      expect.stringMatching(new RegExp(`^- ${`${namespace}/idle`.padEnd(75)} ${leaseColumns} \\d+s +N/A$`)),
    );
    expect(lines.slice(-3, -2)[0]).toBe(
      `  ${'NAMESPACE/NAME'.padEnd(75)} ${'ACQUIRED'.padEnd(10)} ${'RENEWED'.padEnd(10)} ${'CREATED'.padEnd(10)} HOLDER`,
    );
    expect(logger.entries.filter((entry) => entry.level === 'debug').map((entry) => entry.message)).toEqual(
      lines,
    );
  });
});
