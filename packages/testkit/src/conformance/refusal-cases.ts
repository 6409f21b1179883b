import { type ChaosgardenErrorCode, chaosgardenErrorCodes } from '@chaosgarden/core';
import { type ConformanceInput, type ProviderActionName, providerActionNames } from './contract-facts';

/** One bad call every conforming plugin refuses before any cloud call. */
export interface RefusalCase {
  action: ProviderActionName;
  /** What is wrong, as the end of a sentence: `a missing zone`. */
  problem: string;
  /** The options passed: the valid input with exactly one thing broken. */
  options: Readonly<Record<string, unknown>>;
  /** The `code` of the `ChaosgardenError` the call must reject with. */
  expectedCode: ChaosgardenErrorCode;
  /** For `invalid-argument`: the option at fault, compared with the error's `argument` when it has one. */
  argument?: string;
}

/** A filter key no plugin expects; not a spelling variant of any real resource kind. */
export const unknownFilterKey = 'conformanceUnknownKey';

const { invalidArgument, unknownFilterKey: unknownKeyCode, emptyFiltersRefused } = chaosgardenErrorCodes;
const simulations = ['runComputeFailureSimulation', 'runNetworkFailureSimulation'] as const;

/**
 * The bad calls the conformance suite makes, derived from the plugin's valid input: a missing zone and
 * an unknown filter key for every action; an unknown mode for the simulations and the roll-back; a
 * non-numeric duration and all-empty target filters (without `allowEmptyFilters`) for both
 * simulations; a negative `minRuntime` for the compute simulation.
 */
export function refusalCases(input: ConformanceInput): RefusalCase[] {
  const { zone: _zone, ...withoutZone } = input;
  const filters = typeof input.filters === 'object' && input.filters !== null ? input.filters : {};
  const cases: RefusalCase[] = [];
  for (const action of providerActionNames) {
    cases.push(
      {
        action,
        problem: 'a missing zone',
        options: withoutZone,
        expectedCode: invalidArgument,
        argument: 'zone',
      },
      {
        action,
        problem: `an unknown filter key (${unknownFilterKey})`,
        options: { ...input, filters: { ...filters, [unknownFilterKey]: ['conformance'] } },
        expectedCode: unknownKeyCode,
      },
    );
  }
  const badMode = (action: ProviderActionName, mode: string, kind: string): RefusalCase => ({
    action,
    problem: `an unknown ${kind} mode ('${mode}')`,
    options: { ...input, mode },
    expectedCode: invalidArgument,
    argument: 'mode',
  });
  cases.push(
    badMode('runComputeFailureSimulation', 'meltdown', 'compute'),
    badMode('runNetworkFailureSimulation', 'sideways', 'network'),
    badMode('rollbackNetworkFailureSimulation', 'sideways', 'network'),
    {
      action: 'runComputeFailureSimulation',
      problem: 'a negative minRuntime (-1)',
      options: { ...input, minRuntime: -1 },
      expectedCode: invalidArgument,
      argument: 'minRuntime',
    },
  );
  for (const action of simulations) {
    cases.push(
      {
        action,
        problem: "a non-numeric duration ('soon')",
        options: { ...input, duration: 'soon' },
        expectedCode: invalidArgument,
        argument: 'duration',
      },
      {
        action,
        problem: 'all-empty target filters without allowEmptyFilters',
        options: { ...input, filters: {} },
        expectedCode: emptyFiltersRefused,
      },
    );
  }
  return cases;
}
