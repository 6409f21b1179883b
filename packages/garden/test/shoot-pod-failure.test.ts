import { tmpdir } from 'node:os';
import { createMemoryLogger, InvalidArgumentError, type MemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  listShootClusterKeyResources,
  runControlPlanePodFailureSimulation,
  runGeneralPodFailureSimulation,
  runSystemComponentsPodFailureSimulationInBackground,
} from '../src/index';
import { createAwsShoot, type ShootFixture } from './support/garden-fixtures';
import { type GardenFront, startGardenFront } from './support/garden-front';
import { installGardenerCrds } from './support/gardener-crds';
import { filesWrittenSince, findLeaks } from './support/leak-scan';
import { kubeconfigFor, runId, type SandboxCluster, sandboxCluster } from './support/sandbox-garden';
import {
  configMapOwner,
  createPod,
  daemonSetOwner,
  deleteNamespace,
  livePodNames,
  type Owner,
} from './support/shoot-pods';

const startedAt = Date.now();
const run = runId('cgp');
const runLabel = { 'chaosgarden.test/run': run };
const runSelector = `chaosgarden.test/run=${run}`;
const managed = { 'resources.gardener.cloud/managed-by': 'gardener' };

let cluster: SandboxCluster;
let front: GardenFront;
let node: Record<'a' | 'b', string>;
const cleanups: (() => Promise<void>)[] = [];
const loggers: MemoryLogger[] = [];
const errors: string[] = [];

function logger(): MemoryLogger {
  const created = createMemoryLogger();
  loggers.push(created);
  return created;
}

function access(fixture: ShootFixture) {
  return {
    configuration: { gardenProject: fixture.project, gardenShoot: fixture.shoot },
    kubeconfig: { object: kubeconfigFor(cluster, front.url) },
  };
}

async function shoot(seed: 'managed' | 'secretRef' = 'managed'): Promise<ShootFixture> {
  const fixture = await createAwsShoot(cluster, { project: runId('cgp'), seed });
  cleanups.push(fixture.cleanup);
  return fixture;
}

async function namespace(name: string): Promise<string> {
  await cluster.call('POST', '/api/v1/namespaces', { metadata: { name } });
  cleanups.push(() => deleteNamespace(cluster, name));
  return name;
}

beforeAll(async () => {
  cluster = sandboxCluster();
  await installGardenerCrds(cluster);
  front = await startGardenFront(cluster);
  const byZone = (zone: string) =>
    cluster.connection.nodes.find((candidate) => candidate.zone === zone)?.name ?? '';
  node = { a: byZone('us-east-1a'), b: byZone('us-east-1b') };
  expect(node.a).not.toBe('');
  expect(node.b).not.toBe('');
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await front?.close();
});

describe('garden pod failure simulations on the shoot and seed clusters (sandbox, kwok pods)', () => {
  it('general: deletes the selected pods in the zone through the shoot admin kubeconfig', async () => {
    const fixture = await shoot();
    const ns = await namespace(`${run}-work`);
    const owner = await configMapOwner(cluster, ns, 'owner');
    for (const name of ['web-a1', 'web-a2']) await createPod(cluster, ns, name, node.a, owner, runLabel);
    await createPod(cluster, ns, 'web-b1', node.b, owner, runLabel);

    const result = await runGeneralPodFailureSimulation({
      ...access(fixture),
      zone: 0,
      podMetadataSelector: `namespace=${ns}`,
      logger: logger(),
    });
    expect(result.deleted.map((pod) => pod.name).sort()).toEqual(['web-a1', 'web-a2']);
    expect(
      await cluster.waitFor('the deleted pods to go', async () => {
        const live = await livePodNames(cluster, ns);
        return live.length === 1 ? live : undefined;
      }),
    ).toEqual(['web-b1']);
    expect(front.adminKubeconfigRequests).toContainEqual({
      namespace: fixture.namespace,
      shoot: fixture.shoot,
      body: {
        apiVersion: 'authentication.gardener.cloud/v1alpha1',
        kind: 'AdminKubeconfigRequest',
        spec: { expirationSeconds: 86400 },
      },
    });
    // The pods were listed and deleted through the kubeconfig the front issued for this shoot.
    const viaShoot = front.clusterRequests.get(`${fixture.namespace}/${fixture.shoot}`) ?? [];
    expect(viaShoot).toContain(`DELETE /api/v1/namespaces/${ns}/pods/web-a1`);
  });

  it('system components: only Gardener-managed kube-system pods in the zone, sparing DaemonSet pods on request', async () => {
    const fixture = await shoot();
    const ns = await namespace(`${run}-other`);
    const owner = await configMapOwner(cluster, 'kube-system', `${run}-owner`);
    const daemonSet = await daemonSetOwner(cluster, 'kube-system', `${run}-ds`);
    cleanups.push(async () => {
      for (const name of await livePodNames(cluster, 'kube-system', runSelector)) {
        await cluster.call(
          'DELETE',
          `/api/v1/namespaces/kube-system/pods/${name}`,
          undefined,
          [200, 202, 404],
        );
      }
      await cluster.call(
        'DELETE',
        `/api/v1/namespaces/kube-system/configmaps/${run}-owner`,
        undefined,
        [200, 404],
      );
      await cluster.call(
        'DELETE',
        `/apis/apps/v1/namespaces/kube-system/daemonsets/${run}-ds`,
        undefined,
        [200, 404],
      );
    });
    const pods: [string, string, string, Owner, Record<string, string>][] = [
      ['kube-system', `${run}-managed-a`, node.a, owner, { ...runLabel, ...managed }],
      ['kube-system', `${run}-unmanaged-a`, node.a, owner, runLabel],
      ['kube-system', `${run}-managed-b`, node.b, owner, { ...runLabel, ...managed }],
      ['kube-system', `${run}-ds-a`, node.a, daemonSet, { ...runLabel, ...managed }],
      [
        ns,
        `${run}-elsewhere-a`,
        node.a,
        await configMapOwner(cluster, ns, 'owner'),
        { ...runLabel, ...managed },
      ],
    ];
    for (const [podNamespace, name, nodeName, podOwner, labels] of pods) {
      await createPod(cluster, podNamespace, name, nodeName, podOwner, labels);
    }
    const log = logger();
    const task = runSystemComponentsPodFailureSimulationInBackground({
      ...access(fixture),
      zone: 'us-east-1a',
      ignoreDaemonSets: true,
      podLabelSelector: runSelector,
      logger: log,
    });
    const result = await task.join();
    expect(result.deleted.map((pod) => `${pod.namespace}/${pod.name}`)).toEqual([
      `kube-system/${run}-managed-a`,
    ]);
    expect(log.lines()).toContain(
      '[Info] Launching background thread runSystemComponentsPodFailureSimulation.',
    );
    expect(await livePodNames(cluster, ns)).toEqual([`${run}-elsewhere-a`]);
  });

  it('control plane: deletes the shoot control-plane pods in its seed namespace, reached through the managed seed', async () => {
    const fixture = await shoot('managed');
    const ns = await namespace(fixture.technicalId);
    const owner = await configMapOwner(cluster, ns, 'owner');
    const daemonSet = await daemonSetOwner(cluster, ns, 'ds');
    const role = (name: string) => ({ ...runLabel, 'gardener.cloud/role': name });
    await createPod(cluster, ns, 'kube-apiserver-a', node.a, owner, role('controlplane'));
    await createPod(cluster, ns, 'vpa-recommender-a', node.a, owner, role('vpa'));
    await createPod(cluster, ns, 'monitoring-a', node.a, owner, role('monitoring'));
    await createPod(cluster, ns, 'kube-apiserver-b', node.b, owner, role('controlplane'));
    await createPod(cluster, ns, 'node-agent-a', node.a, daemonSet, role('controlplane'));

    const result = await runControlPlanePodFailureSimulation({
      ...access(fixture),
      zone: 0,
      logger: logger(),
    });
    expect(result.deleted.map((pod) => pod.name).sort()).toEqual(['kube-apiserver-a', 'vpa-recommender-a']);
    expect(front.adminKubeconfigRequests.map((request) => `${request.namespace}/${request.shoot}`)).toContain(
      `garden/${fixture.seedName}`,
    );
    expect(front.clusterRequests.get(`garden/${fixture.seedName}`) ?? []).toContain(
      `DELETE /api/v1/namespaces/${ns}/pods/kube-apiserver-a`,
    );
    expect(
      await cluster.waitFor('the deleted pods to go', async () => {
        const live = await livePodNames(cluster, ns);
        return live.length === 3 ? live : undefined;
      }),
    ).toEqual(['kube-apiserver-b', 'monitoring-a', 'node-agent-a']);
  });

  it('control plane: fails on a zone the seed does not have instead of widening to every zone', async () => {
    const managedSeed = await shoot('managed');
    const secretSeed = await shoot('secretRef');
    for (const fixture of [managedSeed, secretSeed]) {
      const ns = await namespace(fixture.technicalId);
      const owner = await configMapOwner(cluster, ns, 'owner');
      await createPod(cluster, ns, 'etcd-a', node.a, owner, { 'gardener.cloud/role': 'controlplane' });
      await createPod(cluster, ns, 'etcd-b', node.b, owner, { 'gardener.cloud/role': 'controlplane' });
      for (const zone of [3, 'us-east-1z']) {
        const error = await runControlPlanePodFailureSimulation({
          ...access(fixture),
          zone,
          logger: logger(),
        }).catch((caught: unknown) => caught);
        errors.push(String(error), String((error as Error).stack));
        expect(InvalidArgumentError.isInstance(error)).toBe(true);
        expect((error as Error).message).toContain('known zones are us-east-1a, us-east-1b, us-east-1c');
      }
      expect(await livePodNames(cluster, ns)).toEqual(['etcd-a', 'etcd-b']);
    }
    // A seed that is no shoot is reached through its kubeconfig secret, its zones from spec.provider.zones.
    const requestsBefore = front.adminKubeconfigRequests.length;
    const result = await runControlPlanePodFailureSimulation({
      ...access(secretSeed),
      zone: 1,
      logger: logger(),
    });
    expect(result.deleted.map((pod) => pod.name)).toEqual(['etcd-b']);
    expect(front.adminKubeconfigRequests.length).toBe(requestsBefore);
  });

  it('lists the shoot key resources through the shoot admin kubeconfig', async () => {
    const fixture = await shoot();
    const ns = await namespace(`${run}-list`);
    const owner = await configMapOwner(cluster, ns, 'owner');
    await createPod(cluster, ns, 'listed-a', node.a, owner, runLabel);
    const log = logger();
    const listing = await listShootClusterKeyResources({
      ...access(fixture),
      podMetadataSelector: `namespace=${ns}`,
      logger: log,
    });
    expect(listing.pods.map((pod) => pod.name)).toEqual(['listed-a']);
    expect(listing.nodes.map((listed) => listed.name)).toEqual(expect.arrayContaining([node.a, node.b]));
    expect(listing.host).toBe(`${front.url}/clusters/${fixture.namespace}/${fixture.shoot}`);
    expect(log.entries.filter((entry) => entry.level === 'debug').length).toBeGreaterThan(0);
  });

  it('keeps the shoot and seed admin kubeconfig tokens out of every file, log line and error', () => {
    const tokens = [...front.issuedTokens.values()];
    // The shoots of the general, system-components and listing tests, and one managed seed.
    expect(tokens.length).toBe(4);
    expect(findLeaks(filesWrittenSince(tmpdir(), startedAt), tokens)).toEqual([]);
    const lines = loggers.flatMap((log) => [
      ...log.lines(),
      ...log.entries.map((entry) => JSON.stringify(entry.fields)),
    ]);
    expect(lines.length).toBeGreaterThan(5);
    for (const token of [...tokens, cluster.connection.token]) {
      expect(lines.filter((line) => line.includes(token))).toEqual([]);
      expect(errors.filter((text) => text.includes(token))).toEqual([]);
    }
  });
});
