import { readFileSync } from 'node:fs';
import { createMemoryLogger } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollbackShootClusterHealthProbe, runShootClusterHealthProbe } from '../src/index';
import { createAwsShoot, type ShootFixture } from './support/garden-fixtures';
import { type GardenFront, startGardenFront } from './support/garden-front';
import { installGardenerCrds } from './support/gardener-crds';
import { kubeconfigFor, runId, type SandboxCluster, sandboxCluster } from './support/sandbox-garden';

let cluster: SandboxCluster;
let front: GardenFront;
let fixture: ShootFixture;
let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  // The probe's namespace and CRDs have fixed names: one probe test at a time per sandbox.
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  cluster = sandboxCluster();
  await installGardenerCrds(cluster);
  front = await startGardenFront(cluster);
  fixture = await createAwsShoot(cluster, { project: runId('cgh') });
});

afterAll(async () => {
  await fixture?.cleanup();
  await front?.close();
  releaseLock?.();
});

/** The probe's namespace is gone or going. */
async function probeNamespaceGone(): Promise<boolean> {
  const response = await cluster.request<{ metadata?: { deletionTimestamp?: string } }>(
    'GET',
    '/api/v1/namespaces/chaos-garden-probe',
  );
  return response.status === 404 || response.body.metadata?.deletionTimestamp !== undefined;
}

// The probe's namespace, CRDs and web-hook are cluster-wide: this file must not run at the same time as
// packages/k8s/test/health-probe-*.test.ts against the same sandbox (one vitest run takes files in turn).
describe('the shoot cluster health probe through garden (sandbox)', () => {
  it('installs the probe in the shoot through its admin kubeconfig, probes, and removes it again', async () => {
    const access = {
      configuration: { gardenProject: fixture.project, gardenShoot: fixture.shoot },
      kubeconfig: { object: kubeconfigFor(cluster, front.url) },
    };
    const log = createMemoryLogger();
    const healthy = await runShootClusterHealthProbe({
      ...access,
      duration: 3,
      thresholds: { regional: { api: 60 }, '0': { 'api-external': 60 } },
      silent: true,
      cleanupTimeoutMs: 60_000,
      // Tests run @chaosgarden/k8s from source; its built agent is in dist.
      agentSource: readFileSync(new URL('../../k8s/dist/probe-agent.cjs', import.meta.url), 'utf8'),
      logger: log,
    });
    const shootKey = `${fixture.namespace}/${fixture.shoot}`;
    expect(healthy).toBe(true);
    expect(front.adminKubeconfigRequests.map((request) => `${request.namespace}/${request.shoot}`)).toEqual([
      shootKey,
    ]);
    // The probe talked to the shoot through the kubeconfig the front issued for it.
    expect(log.lines()).toContain(`[Info] Probing health of ${front.url}/clusters/${shootKey}.`);
    const viaShoot = front.clusterRequests.get(shootKey) ?? [];
    expect(viaShoot).toEqual(
      expect.arrayContaining(['POST /api/v1/namespaces', 'DELETE /api/v1/namespaces/chaos-garden-probe']),
    );
    expect(await probeNamespaceGone()).toBe(true);

    const before = viaShoot.length;
    await rollbackShootClusterHealthProbe({ ...access, cleanupTimeoutMs: 60_000, logger: log });
    const rollbackRequests = (front.clusterRequests.get(shootKey) ?? []).slice(before);
    expect(rollbackRequests).toContain('DELETE /api/v1/namespaces/chaos-garden-probe');
    expect(front.adminKubeconfigRequests).toHaveLength(2);
    const token = front.issuedTokens.get(shootKey) ?? '';
    expect(token).toMatch(/^shoot-token-/);
    expect(log.lines().filter((line) => line.includes(token))).toEqual([]);
  });
});
