import type { CloudProviderV1, ShootMappingInput } from '@chaosgarden/core';
import * as vitest from 'vitest';
import { describe, expect, it } from 'vitest';
import { describeProviderConformance } from './describe-provider-conformance';
import { createExamplePlugin, exampleValidInput } from './example-plugin.test-fixture';
import { runSuite } from './recorded-suite.test-fixture';

const shoot: ShootMappingInput = { shoot: {}, credentials: { token: 't' }, cloudProfile: {}, zone: 'zone-a' };

// The real thing: the suite, declared with vitest, passes the example plugin.
describeProviderConformance({
  vitest,
  descriptor: createExamplePlugin().descriptor,
  validInput: exampleValidInput,
  shoot,
});

describe('describeProviderConformance', () => {
  it('declares one test per check and all of them pass for a conforming plugin', async () => {
    const { tests, failures } = await runSuite({
      descriptor: createExamplePlugin().descriptor,
      validInput: exampleValidInput,
    });
    expect(failures).toEqual({});
    expect(tests.map((test) => test.name)).toEqual(
      expect.arrayContaining([
        'the descriptor has the v1 shape',
        'load() resolves to the four actions of the same provider',
        "runComputeFailureSimulation refuses a negative minRuntime (-1) with 'invalid-argument'",
        "runNetworkFailureSimulation refuses all-empty target filters without allowEmptyFilters with 'empty-filters-refused'",
        'rollbackNetworkFailureSimulation stops for an aborted signal',
      ]),
    );
    expect(tests).toHaveLength(1 + 1 + 16 + 4);
  });

  it('fails exactly the tests whose rule a broken plugin breaks, naming the violation', async () => {
    const { descriptor } = createExamplePlugin();
    const real = (await descriptor.load()) as CloudProviderV1;
    const lax: CloudProviderV1 = {
      ...real,
      runComputeFailureSimulation: (options) =>
        real.runComputeFailureSimulation({ ...options, mode: 'terminate' }),
    };
    const broken = { ...descriptor, packageName: 'Example Plugin', load: async () => lax };
    const { failures } = await runSuite({ descriptor: broken, validInput: exampleValidInput });
    expect(Object.keys(failures).sort()).toEqual([
      "runComputeFailureSimulation refuses an unknown compute mode ('meltdown') with 'invalid-argument'",
      'the descriptor has the v1 shape',
    ]);
    expect(failures['the descriptor has the v1 shape']).toMatch(
      /^Contract v1 violated:\n- packageName must be the npm package that provides the plugin/,
    );
  });

  it('fails every action test, with the reason, when load() returns another provider type', async () => {
    const { descriptor } = createExamplePlugin();
    const other = { ...((await descriptor.load()) as CloudProviderV1), providerType: 'other' };
    const { tests, failures } = await runSuite({
      descriptor: { ...descriptor, load: async () => other },
      validInput: exampleValidInput,
    });
    expect(Object.keys(failures)).toHaveLength(tests.length - 1);
    expect(failures['assessFiltersImpact stops for an aborted signal']).toBe(
      'Contract v1 violated:\n- load() returned providerType "other", the descriptor says "example"',
    );
  });

  it('refuses to declare anything without a test framework', () => {
    const options = { descriptor: createExamplePlugin().descriptor, validInput: exampleValidInput };
    expect(() =>
      describeProviderConformance(options as Parameters<typeof describeProviderConformance>[0]),
    ).toThrow(/pass \{ vitest \}/);
  });

  it('runs the action checks against a given provider and adds the optional checks when asked', async () => {
    const { descriptor } = createExamplePlugin();
    const provider = (await createExamplePlugin().descriptor.load()) as CloudProviderV1;
    const refusing: CloudProviderV1 = {
      ...provider,
      assessFiltersImpact: async () => ({ zone: '', targets: [], warnings: [] }),
    };
    const { tests, failures } = await runSuite({
      descriptor,
      validInput: exampleValidInput,
      provider: refusing,
      shoot: { ...shoot, zone: '' },
      descriptorModuleId: 'node:path',
      heavyModules: ['node:path'],
      timeoutMs: 200,
    });
    expect(Object.keys(failures).sort()).toEqual([
      "assessFiltersImpact refuses a missing zone with 'invalid-argument'",
      `assessFiltersImpact refuses an unknown filter key (conformanceUnknownKey) with 'unknown-filter-key'`,
      'importing or requiring the descriptor module loads no cloud SDK',
    ]);
    expect(tests.find((test) => test.name.startsWith('fromShoot'))?.name).toBe(
      'fromShoot maps a shoot to filters with known keys',
    );
    expect(tests.find((test) => test.name.startsWith('assessFiltersImpact refuses'))?.timeoutMs).toBe(1_400);
  });
});
