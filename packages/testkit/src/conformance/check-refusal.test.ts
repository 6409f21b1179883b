import { ChaosgardenError, type CloudProviderV1, InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { checkRefusal } from './check-refusal';
import { createExamplePlugin, exampleValidInput } from './example-plugin.test-fixture';
import { type RefusalCase, refusalCases, unknownFilterKey } from './refusal-cases';

const loadExample = async () => (await createExamplePlugin().descriptor.load()) as CloudProviderV1;
const caseFor = (action: RefusalCase['action'], problem: string): RefusalCase => {
  const found = refusalCases(exampleValidInput).find(
    (c) => c.action === action && c.problem.includes(problem),
  );
  if (found === undefined) throw new Error(`no refusal case ${action} ${problem}`);
  return found;
};

describe('refusalCases', () => {
  it('breaks exactly one thing of the valid input per case', () => {
    const cases = refusalCases(exampleValidInput);
    expect(cases).toHaveLength(16);
    expect(caseFor('assessFiltersImpact', 'missing zone').options).not.toHaveProperty('zone');
    expect(caseFor('rollbackNetworkFailureSimulation', 'unknown filter key').options).toEqual({
      ...exampleValidInput,
      filters: { ...exampleValidInput.filters, [unknownFilterKey]: ['conformance'] },
    });
    expect(caseFor('runComputeFailureSimulation', 'empty target filters').options).toEqual({
      ...exampleValidInput,
      filters: {},
    });
  });
});

describe('checkRefusal', () => {
  it('finds every bad call refused with the documented code by a conforming plugin', async () => {
    const provider = await loadExample();
    for (const refusal of refusalCases(exampleValidInput)) {
      expect(await checkRefusal(provider, refusal), `${refusal.action}: ${refusal.problem}`).toEqual([]);
    }
  });

  it('reports a plugin that accepts an unknown compute mode', async () => {
    const provider = await loadExample();
    const lax = {
      ...provider,
      runComputeFailureSimulation: () =>
        provider.runComputeFailureSimulation({ zone: 'zone-a', filters: { instances: ['i-1'] } }),
    };
    expect(await checkRefusal(lax, caseFor('runComputeFailureSimulation', 'compute mode'))).toEqual([
      "runComputeFailureSimulation with an unknown compute mode ('meltdown') was accepted; it must reject " +
        "with a ChaosgardenError with code 'invalid-argument'",
    ]);
  });

  it('reports a plain Error, a wrong code and a wrongly blamed option', async () => {
    const provider = await loadExample();
    const plainError = { ...provider, assessFiltersImpact: () => Promise.reject(new Error('Zone not set')) };
    expect(await checkRefusal(plainError, caseFor('assessFiltersImpact', 'missing zone'))).toEqual([
      'assessFiltersImpact with a missing zone rejected with Error: Zone not set, which is not a ' +
        "ChaosgardenError (throw core's error classes, code 'invalid-argument')",
    ]);
    const wrongCode = {
      ...provider,
      assessFiltersImpact: () => Promise.reject(new ChaosgardenError('invalid-argument', 'bad filters')),
    };
    expect(await checkRefusal(wrongCode, caseFor('assessFiltersImpact', 'unknown filter key'))).toEqual([
      `assessFiltersImpact with an unknown filter key (${unknownFilterKey}) rejected with code ` +
        "'invalid-argument', expected 'unknown-filter-key' (bad filters)",
    ]);
    const wrongArgument = {
      ...provider,
      runNetworkFailureSimulation: () =>
        Promise.reject(new InvalidArgumentError({ argument: 'zone', message: 'Zone not set' })),
    };
    expect(await checkRefusal(wrongArgument, caseFor('runNetworkFailureSimulation', 'duration'))).toEqual([
      "runNetworkFailureSimulation with a non-numeric duration ('soon') blamed option 'zone', expected " +
        "'duration' (Zone not set)",
    ]);
  });

  it('reports a plugin that goes to the cloud before refusing, and aborts its signal afterwards', async () => {
    const provider = await loadExample();
    let signal: AbortSignal | undefined;
    const slow = {
      ...provider,
      rollbackNetworkFailureSimulation: (options: { signal?: AbortSignal }) => {
        signal = options.signal;
        return new Promise<never>(() => undefined);
      },
    } as CloudProviderV1;
    const violations = await checkRefusal(slow, caseFor('rollbackNetworkFailureSimulation', 'missing zone'), {
      timeoutMs: 50,
    });
    expect(violations).toEqual([
      'rollbackNetworkFailureSimulation with a missing zone did not settle within 50 ms; bad input must be ' +
        'refused before any cloud call',
    ]);
    expect(signal?.aborted).toBe(true);
  });
});
