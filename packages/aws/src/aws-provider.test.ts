import { createMemoryLogger, UnknownOptionError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import {
  assessFiltersImpact,
  plugin,
  reconcile,
  rollbackNetworkFailureSimulation,
  runComputeFailureSimulation,
  runComputeFailureSimulationInBackground,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from './index';

// Nothing listens on port 9: a call that got as far as the client would fail with cloud-api-error.
const input = {
  zone: 'eu-west-1a',
  filters: { vpcs: [{ Name: 'vpc-id', Values: ['vpc-1'] }], instances: [{ Name: 'tag-key', Values: ['k'] }] },
  configuration: { awsRegion: 'eu-west-1', awsEndpointUrl: 'http://127.0.0.1:9' },
  secrets: { awsAccessKeyId: 'test', awsSecretAccessKey: 'test' },
  logger: createMemoryLogger(),
};

type Call = (options: Record<string, unknown>) => Promise<unknown>;
const actions: [string, Call, string, string][] = [
  ['assessFiltersImpact', assessFiltersImpact as unknown as Call, 'maxTarget', 'maxTargets'],
  [
    'runComputeFailureSimulation',
    runComputeFailureSimulation as unknown as Call,
    'allowSelfTarge',
    'allowSelfTarget',
  ],
  [
    'runNetworkFailureSimulation',
    runNetworkFailureSimulation as unknown as Call,
    'rollbakLeftovers',
    'rollbackLeftovers',
  ],
  ['rollbackNetworkFailureSimulation', rollbackNetworkFailureSimulation as unknown as Call, 'zoen', 'zone'],
  ['reconcile', reconcile as unknown as Call, 'dry_run', 'dryRun'],
];

describe('unknown top-level options', () => {
  it.each(actions)(
    '%s refuses a misspelt option before any client is built',
    async (name, action, typo, meant) => {
      const error = await action({ ...input, [typo]: true }).catch((failure: unknown) => failure);
      expect(UnknownOptionError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ code: 'unknown-option', action: name, unknownOptions: [typo] });
      expect((error as Error).message).toContain(`Did you mean ${meant}?`);
    },
  );

  it.each(actions)('the loaded provider refuses it for %s too', async (name, _action, typo) => {
    const provider = (await plugin.load()) as unknown as Record<string, Call>;
    await expect(provider[name]?.({ ...input, [typo]: true })).rejects.toMatchObject({
      code: 'unknown-option',
    });
  });

  it('the background forms refuse it when joined', async () => {
    const network = runNetworkFailureSimulationInBackground({ ...input, rollbakLeftovers: true } as never);
    await expect(network.join()).rejects.toMatchObject({ code: 'unknown-option' });
    const compute = runComputeFailureSimulationInBackground({ ...input, mod: 'restart' } as never);
    await expect(compute.join()).rejects.toMatchObject({ code: 'unknown-option' });
  });

  it('takes every common option of the contract and tolerates unknown configuration keys', async () => {
    const error = await runNetworkFailureSimulation({
      ...input,
      configuration: { ...input.configuration, gardenProject: 'p' } as typeof input.configuration,
      zone: '',
      allowSelfTarget: false,
      rollbackLeftovers: false,
      rollbackSignal: AbortSignal.timeout(1000),
      rollbackTimeoutSeconds: 5,
      allowPartial: false,
      stateDirectory: '/nonexistent',
    }).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: 'invalid-argument', argument: 'zone' });
  });

  it('declares the options of every action in the descriptor, as the actions read them', () => {
    expect(runNetworkFailureSimulation.declaration).toBe(plugin.actions.runNetworkFailureSimulation);
    expect(
      plugin.actions.runComputeFailureSimulation.options.find((option) => option.name === 'mode'),
    ).toMatchObject({
      choices: ['terminate', 'restart'],
    });
  });
});
