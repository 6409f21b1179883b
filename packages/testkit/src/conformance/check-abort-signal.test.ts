import {
  CloudApiError,
  type CloudProviderV1,
  InvalidArgumentError,
  TerminatedError,
} from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { checkAbortSignal } from './check-abort-signal';
import { providerActionNames } from './contract-facts';
import { createExamplePlugin, exampleValidInput } from './example-plugin.test-fixture';

const loadExample = async () => (await createExamplePlugin().descriptor.load()) as CloudProviderV1;
const rejectingWith = async (error: unknown): Promise<CloudProviderV1> => ({
  ...(await loadExample()),
  assessFiltersImpact: () => Promise.reject(error),
});

describe('checkAbortSignal', () => {
  it('accepts every action of a plugin that checks its signal', async () => {
    const provider = await loadExample();
    for (const action of providerActionNames) {
      expect(await checkAbortSignal(provider, action, exampleValidInput), action).toEqual([]);
    }
  });

  it("accepts TerminatedError, and an abort error kept as a plugin error's cause", async () => {
    const terminated = await rejectingWith(new TerminatedError({ who: 'assessFiltersImpact' }));
    expect(await checkAbortSignal(terminated, 'assessFiltersImpact', exampleValidInput)).toEqual([]);
    const abort = new DOMException('This operation was aborted', 'AbortError');
    const wrapped = await rejectingWith(new CloudApiError({ operation: 'DescribeInstances', cause: abort }));
    expect(await checkAbortSignal(wrapped, 'assessFiltersImpact', exampleValidInput)).toEqual([]);
  });

  it('reports an action that ignores the signal and keeps running', async () => {
    const provider = {
      ...(await loadExample()),
      runNetworkFailureSimulation: () => new Promise<never>(() => undefined),
    };
    expect(
      await checkAbortSignal(provider, 'runNetworkFailureSimulation', exampleValidInput, { timeoutMs: 50 }),
    ).toEqual([
      'runNetworkFailureSimulation with an aborted signal did not stop within 50 ms; pass the signal to every ' +
        'wait and cloud call',
    ]);
  });

  it('reports an action that refuses the signal option as unknown', async () => {
    const strict = await rejectingWith(
      new InvalidArgumentError({ argument: 'signal', message: 'Unknown option signal.' }),
    );
    expect(await checkAbortSignal(strict, 'assessFiltersImpact', exampleValidInput)).toEqual([
      'assessFiltersImpact with an aborted signal refused the valid input (InvalidArgumentError ' +
        '[invalid-argument]: Unknown option signal.); accept the signal option',
    ]);
  });

  it('reports an action that fails for another reason instead of stopping', async () => {
    const failing = await rejectingWith(new Error('ECONNREFUSED 127.0.0.1:9'));
    expect(await checkAbortSignal(failing, 'assessFiltersImpact', exampleValidInput)).toEqual([
      'assessFiltersImpact with an aborted signal rejected with Error: ECONNREFUSED 127.0.0.1:9; expected it ' +
        "to stop with TerminatedError, the signal's reason or an AbortError",
    ]);
  });
});
