import {
  ChaosgardenError,
  createMemoryLedger,
  createMemoryLogger,
  type RollbackLedger,
} from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import {
  assessFiltersImpact,
  rollbackNetworkFailureSimulation,
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
} from '../src/index';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { clusterFilters } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls, instanceStates } from './support/moto-state';

const connection = motoConnection();
useTemporaryStateDirectory();

type Action = 'compute' | 'network' | 'rollback' | 'assess';
type Case = [
  label: string,
  action: Action,
  code: string,
  change: Record<string, unknown>,
  readsFirst?: boolean,
];

const cases: Case[] = [
  ['no zone', 'network', 'invalid-argument', { zone: undefined }],
  ['an empty zone', 'compute', 'invalid-argument', { zone: '' }],
  ['no zone', 'rollback', 'invalid-argument', { zone: null }],
  ['no zone', 'assess', 'invalid-argument', { zone: undefined }],
  ['an unknown mode', 'network', 'invalid-argument', { mode: 'Total' }],
  ['an unknown mode', 'compute', 'invalid-argument', { mode: 'reboot' }],
  ['an unknown mode', 'rollback', 'invalid-argument', { mode: 'partial' }],
  ['an unknown filter key', 'network', 'unknown-filter-key', { filters: { vpc: [] } }],
  ['an unknown filter key', 'compute', 'unknown-filter-key', { filters: { instance: [] } }],
  ['an unknown filter key', 'rollback', 'unknown-filter-key', { filters: { zones: [] } }],
  ['an unknown filter key', 'assess', 'unknown-filter-key', { filters: { machines: [] } }],
  [
    'a malformed filter',
    'network',
    'invalid-argument',
    { filters: { vpcs: [{ Name: 'tag-key', Values: 'x' }] } },
  ],
  ['a non-numeric duration', 'network', 'invalid-argument', { duration: 'abc' }],
  ['a non-numeric duration', 'compute', 'invalid-argument', { duration: '1m' }],
  ['a negative minRuntime', 'compute', 'invalid-argument', { minRuntime: -1 }],
  [
    'empty instance filters without allowEmptyFilters',
    'compute',
    'empty-filters-refused',
    { filters: { instances: [] } },
  ],
  [
    'empty VPC and subnet filters without allowEmptyFilters',
    'network',
    'empty-filters-refused',
    { filters: {} },
  ],
  [
    'no region anywhere',
    'network',
    'invalid-argument',
    { configuration: { awsEndpointUrl: 'http://127.0.0.1:9' } },
  ],
  [
    'an access key id without its secret',
    'compute',
    'invalid-argument',
    { secrets: { awsAccessKeyId: 'AKIAFAKE' } },
  ],
  [
    'an invalid endpoint URL',
    'network',
    'invalid-argument',
    { configuration: { awsRegion: 'eu-west-1', awsEndpointUrl: 'moto' } },
  ],
  ['an invalid maxTargets', 'network', 'invalid-argument', { maxTargets: 1.5 }],
  ['a misspelt top-level option', 'network', 'unknown-option', { rollbakLeftovers: true }],
  ['a misspelt top-level option', 'compute', 'unknown-option', { allowSelfTarge: true }],
  ['a snake_case top-level option', 'rollback', 'unknown-option', { max_targets: 3 }],
  ['a misspelt top-level option', 'assess', 'unknown-option', { allowEmptyFilter: true }],
  ['more instances than maxTargets', 'compute', 'too-many-targets', { maxTargets: 2 }, true],
  ['more subnets than maxTargets', 'network', 'too-many-targets', { maxTargets: 10 }, true],
];

describe('bad input against moto', () => {
  let proxy: FaultProxy;
  let before: { acls: Map<string, string>; instances: Map<string, string> };
  const regionVariables = {
    AWS_REGION: process.env.AWS_REGION,
    AWS_DEFAULT_REGION: process.env.AWS_DEFAULT_REGION,
  };

  beforeAll(() => {
    // "No region anywhere" must not pick one up from the environment.
    delete process.env.AWS_REGION;
    delete process.env.AWS_DEFAULT_REGION;
  });
  const moto = useMotoFixture(connection, 'all');
  beforeAll(async () => {
    proxy = await startFaultProxy(connection.endpoint);
    before = { acls: await aclBySubnet(moto.ec2), instances: await instanceStates(moto.ec2) };
  });
  afterAll(async () => {
    for (const [name, value] of Object.entries(regionVariables)) {
      if (value !== undefined) {
        process.env[name] = value;
      }
    }
    await proxy.close();
  });

  it.each(cases)(
    '%s fails the %s action with %s before any change',
    async (_label, action, code, change, readsFirst) => {
      const { configuration, secrets } = pluginAccess(connection, proxy.url);
      const ledger: RollbackLedger = createMemoryLedger();
      const options = {
        zone: moto.fixture.zones[0],
        filters: clusterFilters(),
        duration: -1,
        configuration,
        secrets,
        logger: createMemoryLogger(),
        ledger,
        ...change,
      } as Record<string, unknown>;
      proxy.actions.length = 0;
      const error = await run(action, options).then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(ChaosgardenError.isInstance(error), String(error)).toBe(true);
      expect((error as ChaosgardenError).code).toBe(code);
      if (readsFirst) {
        expect(proxy.actions.length).toBeGreaterThan(0);
        expect(proxy.actions.filter((name) => !name.startsWith('Describe'))).toEqual([]);
      } else {
        expect(proxy.actions).toEqual([]);
      }
      expect(await ledger.entries()).toEqual([]);
      expect(await aclBySubnet(moto.ec2)).toEqual(before.acls);
      expect(await instanceStates(moto.ec2)).toEqual(before.instances);
      expect(await blockingAcls(moto.ec2)).toEqual([]);
    },
  );

  it('names the found count and the limit when refusing too many targets', async () => {
    const error = await run('compute', {
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      maxTargets: 1,
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    }).catch((failure: unknown) => failure);
    expect(String(error)).toContain(
      `Found 3 instances in zone ${moto.fixture.zones[0]}, more than maxTargets (1)`,
    );
  });
});

function run(action: Action, options: Record<string, unknown>): Promise<unknown> {
  switch (action) {
    case 'compute':
      return runComputeFailureSimulation(options as never);
    case 'network':
      return runNetworkFailureSimulation(options as never);
    case 'rollback':
      return rollbackNetworkFailureSimulation(options as never);
    case 'assess':
      return assessFiltersImpact(options as never);
  }
}
