import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createMemoryLogger,
  InvalidArgumentError,
  type MemoryLogger,
  UnsupportedProviderError,
} from '@chaosgarden/core';
import { readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assessCloudProviderFiltersImpact,
  rollbackCloudProviderNetworkFailureSimulation,
  runCloudProviderComputeFailureSimulationInBackground,
  runCloudProviderNetworkFailureSimulation,
  runCloudProviderNetworkFailureSimulationInBackground,
} from '../src/index';
import { type AwsLandscape, blockedZones, createAwsLandscape, instanceStates } from './support/aws-landscape';
import { createAwsShoot, type ShootFixture } from './support/garden-fixtures';
import { type GardenFront, startGardenFront } from './support/garden-front';
import { installGardenerCrds } from './support/gardener-crds';
import { filesWrittenSince, findLeaks } from './support/leak-scan';
import { kubeconfigFor, runId, type SandboxCluster, sandboxCluster } from './support/sandbox-garden';

const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const startedAt = Date.now();
const previousStateDir = process.env.CHAOSGARDEN_STATE_DIR;
const stateDir = mkdtempSync(join(tmpdir(), 'garden-state-'));

let cluster: SandboxCluster;
let front: GardenFront;
const fixtures: ShootFixture[] = [];
const loggers: MemoryLogger[] = [];
const errors: unknown[] = [];

function logger(): MemoryLogger {
  const created = createMemoryLogger();
  loggers.push(created);
  return created;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => new Error('expected a failure'),
    (caught: unknown) => caught as Error,
  );
  errors.push(error);
  return error;
}

function access(fixture: ShootFixture) {
  return {
    configuration: { garden_project: fixture.project, garden_shoot: fixture.shoot },
    kubeconfig: { object: kubeconfigFor(cluster, front.url) },
    providerOptions: { aws: { configuration: { awsEndpointUrl: cluster.connection.awsEndpoint } } },
  };
}

async function shootWithLandscape(
  options: Partial<Parameters<typeof createAwsShoot>[1]> = {},
): Promise<{ fixture: ShootFixture; landscape: AwsLandscape }> {
  const fixture = await createAwsShoot(cluster, { project: runId('cgn'), ...options });
  fixtures.push(fixture);
  return { fixture, landscape: await createAwsLandscape(cluster.connection, fixture.technicalId, zones) };
}

beforeAll(async () => {
  process.env.CHAOSGARDEN_STATE_DIR = stateDir;
  cluster = sandboxCluster();
  await installGardenerCrds(cluster);
  front = await startGardenFront(cluster);
});

afterAll(async () => {
  for (const fixture of fixtures) await fixture.cleanup();
  await front?.close();
  if (previousStateDir === undefined) delete process.env.CHAOSGARDEN_STATE_DIR;
  else process.env.CHAOSGARDEN_STATE_DIR = previousStateDir;
  rmSync(stateDir, { recursive: true, force: true });
});

describe('garden cloud-provider actions on an AWS shoot (sandbox garden cluster, moto)', () => {
  it('partitions the zone given by index through the AWS plugin it loads for the shoot, and restores it', async () => {
    const { fixture, landscape } = await shootWithLandscape();
    const log = logger();
    const assessed = await assessCloudProviderFiltersImpact({ ...access(fixture), zone: 0, logger: log });
    expect(assessed.zone).toBe('us-east-1a');
    expect(assessed.targets.map((target) => target.kind)).toEqual(
      expect.arrayContaining(['instance', 'vpc', 'subnet']),
    );
    expect(await blockedZones(landscape)).toEqual({ zones: [], blockingAcls: 0 });

    const task = runCloudProviderNetworkFailureSimulationInBackground({
      ...access(fixture),
      zone: 0,
      mode: 'total',
      duration: 3,
      logger: log,
    });
    const during = await cluster.waitFor('zone us-east-1a to be blocked', async () => {
      const state = await blockedZones(landscape);
      return state.zones.length > 0 ? state : undefined;
    });
    expect(during).toEqual({ zones: ['us-east-1a'], blockingAcls: 1 });
    const result = await task.join();
    expect(result).toMatchObject({ zone: 'us-east-1a', mode: 'total', reason: 'time-up' });
    expect(result.blocked.map((target) => target.id)).toEqual([landscape.subnetIdsByZone['us-east-1a']]);
    expect(await blockedZones(landscape)).toEqual({ zones: [], blockingAcls: 0 });

    const lines = log.lines();
    expect(lines).toContain('[Info] Launching background thread runCloudProviderNetworkFailureSimulation.');
    expect(
      lines.some((line) =>
        /^\[Info\] Time is up for runCloudProviderNetworkFailureSimulation at .*s net duration\)\. Terminating now\.$/.test(
          line,
        ),
      ),
    ).toBe(true);
    // Cloud actions need no cluster access to the shoot: no admin kubeconfig was requested.
    expect(front.adminKubeconfigRequests).toEqual([]);
  });

  it('reads a CredentialsBinding and a NamespacedCloudProfile, resolves a zone name, and rolls back on request', async () => {
    const { fixture, landscape } = await shootWithLandscape({
      binding: 'credentialsBinding',
      cloudProfile: 'namespaced',
    });
    const log = logger();
    const result = await runCloudProviderNetworkFailureSimulation({
      ...access(fixture),
      zone: 'us-east-1c',
      duration: 0,
      logger: log,
    });
    expect(result.zone).toBe('us-east-1c');
    expect(result.blocked.map((target) => target.id)).toEqual([landscape.subnetIdsByZone['us-east-1c']]);
    expect(await blockedZones(landscape)).toEqual({ zones: [], blockingAcls: 0 });
    const rollback = await rollbackCloudProviderNetworkFailureSimulation({
      ...access(fixture),
      zone: 2,
      logger: log,
    });
    expect(rollback).toMatchObject({ zone: 'us-east-1c', removed: [] });
  });

  it('terminates the machines of the zone given by index, and only those', async () => {
    const { fixture, landscape } = await shootWithLandscape();
    const log = logger();
    const task = runCloudProviderComputeFailureSimulationInBackground({
      ...access(fixture),
      zone: 1,
      mode: 'terminate',
      duration: 0,
      logger: log,
    });
    const result = await task.join();
    expect(result).toMatchObject({ zone: 'us-east-1b', mode: 'terminate' });
    expect(result.affected).toHaveLength(1);
    expect(await instanceStates(landscape)).toEqual({
      'us-east-1a': ['running'],
      'us-east-1b': ['terminated'],
      'us-east-1c': ['running'],
    });
    expect(log.lines()).toContain(
      '[Info] Launching background thread runCloudProviderComputeFailureSimulation.',
    );
  });

  it('refuses an unknown zone before touching the cloud, listing the shoot zones', async () => {
    const { fixture, landscape } = await shootWithLandscape();
    const error = await failure(
      runCloudProviderNetworkFailureSimulation({
        ...access(fixture),
        zone: 3,
        duration: 0,
        logger: logger(),
      }),
    );
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.message).toContain(
      'Zone index 3 out of bounds (known zones are us-east-1a, us-east-1b, us-east-1c)!',
    );
    const byName = await failure(
      assessCloudProviderFiltersImpact({ ...access(fixture), zone: 'us-east-1d', logger: logger() }),
    );
    expect(byName.message).toContain('Zone designator us-east-1d not recognised');
    expect(await blockedZones(landscape)).toEqual({ zones: [], blockingAcls: 0 });
  });

  it('says which providers have no plugin and which configuration is missing', async () => {
    const fixture = fixtures[0] as ShootFixture;
    await cluster.call('POST', `/apis/core.gardener.cloud/v1beta1/namespaces/${fixture.namespace}/shoots`, {
      apiVersion: 'core.gardener.cloud/v1beta1',
      kind: 'Shoot',
      metadata: { name: 'azure-shoot' },
      spec: {
        secretBindingName: 'aws-binding',
        region: 'westeurope',
        provider: { type: 'azure', workers: [{ zones: ['1'] }] },
      },
    });
    const unsupported = await failure(
      assessCloudProviderFiltersImpact({
        ...access(fixture),
        configuration: { gardenProject: fixture.project, gardenShoot: 'azure-shoot' },
        zone: 0,
        logger: logger(),
      }),
    );
    expect(UnsupportedProviderError.isInstance(unsupported)).toBe(true);
    expect(unsupported.message).toContain('Cloud provider (was azure) unknown/not supported!');
    const missing = await failure(
      assessCloudProviderFiltersImpact({
        ...access(fixture),
        configuration: { garden_project: fixture.project },
        zone: 0,
      }),
    );
    expect(missing).toMatchObject({ code: 'invalid-argument', argument: 'configuration.gardenShoot' });
  });

  it('leaves no credential in any file, log line or error', () => {
    const secrets = fixtures.flatMap((fixture) => [
      fixture.credentials.accessKeyID,
      fixture.credentials.secretAccessKey,
    ]);
    expect(secrets.length).toBeGreaterThanOrEqual(6);
    // The sandbox's own etcd stores the garden's Secrets, as a real garden cluster does: not ours to scan.
    const sandboxDir = readSandboxConnection().stateDir;
    const files = [...filesWrittenSince(stateDir, 0), ...filesWrittenSince(tmpdir(), startedAt)].filter(
      (file) => !file.startsWith(`${sandboxDir}/`),
    );
    // The ledger of every simulation is in the state directory: the scan must have seen it.
    expect(filesWrittenSince(stateDir, 0).length).toBeGreaterThan(0);
    expect(findLeaks(files, secrets)).toEqual([]);
    const texts = [
      ...loggers.flatMap((log) => [
        ...log.lines(),
        ...log.entries.map((entry) => JSON.stringify(entry.fields)),
      ]),
      ...errors.flatMap((error) => [
        String(error),
        String((error as Error).stack),
        String((error as Error).cause),
      ]),
    ];
    expect(texts.length).toBeGreaterThan(10);
    for (const secret of [...secrets, cluster.connection.token]) {
      expect(texts.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
