import type { CloudProviderDescriptorV1, CloudProviderV1, ShootMappingInput } from '@chaosgarden/core';
import type { BehaviourGroupName } from './behaviour-group-names';
import { checkAbortSignal } from './check-abort-signal';
import { checkDescriptor } from './check-descriptor';
import { type CheckDescriptorIsCheapOptions, checkDescriptorIsCheap } from './check-descriptor-is-cheap';
import { checkLoadedProvider, loadProvider } from './check-loaded-provider';
import { checkRefusal } from './check-refusal';
import { checkShootMapping } from './check-shoot-mapping';
import type { ConformanceStandIn } from './conformance-stand-in';
import { type ConformanceInput, defaultCallTimeoutMs, providerActionNames } from './contract-facts';
import { declareBehaviourGroups } from './declare-behaviour-groups';
import { refusalCases } from './refusal-cases';

/**
 * The part of a test framework the suite declares its tests with. Pass vitest's module
 * (`import * as vitest from 'vitest'`); jest's globals have the same shape.
 */
export interface ConformanceTestApi {
  describe(name: string, body: () => void): void;
  it(name: string, body: () => Promise<void> | void, timeoutMs?: number): void;
}

export interface DescribeProviderConformanceOptions {
  /** The test framework, e.g. `import * as vitest from 'vitest'`. Taken as an argument, not imported, so
   * that `require('@chaosgarden/testkit')` works: vitest refuses to be loaded with `require`. */
  vitest: ConformanceTestApi;
  /** The plugin's descriptor (its `plugin` export). */
  descriptor: CloudProviderDescriptorV1;
  /** Inputs the plugin accepts; see `ConformanceInput` (never point them at a real cloud account). */
  validInput: ConformanceInput;
  /** The provider to call instead of `await descriptor.load()`, e.g. one built with test clients.
   * `load()` is still checked. Default: the result of `load()`. */
  provider?: CloudProviderV1;
  /** The module that exports the descriptor, e.g. `new URL('../dist/index.js', import.meta.url).href`.
   * When given, a child process checks that loading it loads no heavy SDK. Default: not checked. */
  descriptorModuleId?: string;
  /** See `CheckDescriptorIsCheapOptions.heavyModules`. Default `defaultHeavyModules`. */
  heavyModules?: CheckDescriptorIsCheapOptions['heavyModules'];
  /** A shoot for `fromShoot`; when given, its result must use only the descriptor's filter keys. */
  shoot?: ShootMappingInput;
  /** How long one action call may take to refuse or stop. Default 5000 ms. */
  timeoutMs?: number;
  /**
   * The stand-in (emulator or fake cloud) the behaviour groups run against; see `ConformanceStandIn`.
   * Default: no behaviour group is declared.
   */
  standIn?: ConformanceStandIn;
  /** Behaviour groups not to declare, by name (`behaviourGroupNames`). Default: none skipped. */
  skipGroups?: readonly BehaviourGroupName[];
  /** How long one wait or call of a behaviour test may take. Default 30000 ms. */
  behaviourTimeoutMs?: number;
}

/**
 * Declares the contract v1 conformance tests for a cloud plugin: one `describe` block with one test per
 * check (descriptor shape, cheap import, `load()`, every refusal of bad input, the abort signal of every
 * action) and, with `standIn`, one `describe` block per behaviour group (`behaviourGroupNames`). Each
 * test fails with the list of violations.
 *
 * @example
 * import * as vitest from 'vitest';
 * import { describeProviderConformance } from '@chaosgarden/testkit';
 * import { plugin } from '../src/index';
 *
 * describeProviderConformance({ vitest, descriptor: plugin, validInput: { zone: 'eu-west-1a', filters } });
 */
export function describeProviderConformance(options: DescribeProviderConformanceOptions): void {
  const { vitest, descriptor } = options;
  if (typeof vitest?.describe !== 'function' || typeof vitest.it !== 'function') {
    throw new TypeError(
      "describeProviderConformance needs the test framework: pass { vitest } with import * as vitest from 'vitest'",
    );
  }
  const name = typeof descriptor?.providerType === 'string' ? descriptor.providerType : 'unknown';
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  let provider: Promise<CloudProviderV1> | undefined;
  const theProvider = () => {
    provider ??= resolveProvider(descriptor, options.provider, timeoutMs);
    return provider;
  };
  vitest.describe(`chaosgarden provider contract v1: ${name}`, () => {
    declareDescriptorTests(options);
    declareActionTests(options, theProvider);
    if (options.standIn !== undefined) {
      declareBehaviourGroups({
        vitest,
        provider: theProvider,
        standIn: options.standIn,
        ...(options.skipGroups === undefined ? {} : { skipGroups: options.skipGroups }),
        ...(options.behaviourTimeoutMs === undefined ? {} : { timeoutMs: options.behaviourTimeoutMs }),
        assertNone,
      });
    }
  });
}

function declareDescriptorTests(options: DescribeProviderConformanceOptions): void {
  const { vitest, descriptor, descriptorModuleId: moduleId, shoot } = options;
  vitest.it('the descriptor has the v1 shape', () => assertNone(checkDescriptor(descriptor)));
  if (moduleId !== undefined) {
    vitest.it(
      'importing or requiring the descriptor module loads no cloud SDK',
      async () => assertNone(await checkDescriptorIsCheap({ moduleId, heavyModules: options.heavyModules })),
      40_000,
    );
  }
  if (shoot !== undefined) {
    vitest.it('fromShoot maps a shoot to filters with known keys', () =>
      assertNone(checkShootMapping(descriptor, shoot)),
    );
  }
}

function declareActionTests(
  options: DescribeProviderConformanceOptions,
  theProvider: () => Promise<CloudProviderV1>,
): void {
  const { vitest, descriptor, validInput } = options;
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  // Room for loading the provider and for the call itself, each bounded by timeoutMs.
  const testTimeoutMs = timeoutMs * 2 + 1_000;
  vitest.it(
    'load() resolves to the four actions of the same provider',
    async () => assertNone((await loadProvider(descriptor, { timeoutMs })).violations),
    testTimeoutMs,
  );
  for (const refusal of refusalCases(validInput)) {
    vitest.it(
      `${refusal.action} refuses ${refusal.problem} with '${refusal.expectedCode}'`,
      async () => assertNone(await checkRefusal(await theProvider(), refusal, { timeoutMs })),
      testTimeoutMs,
    );
  }
  for (const action of providerActionNames) {
    vitest.it(
      `${action} stops for an aborted signal`,
      async () => assertNone(await checkAbortSignal(await theProvider(), action, validInput, { timeoutMs })),
      testTimeoutMs,
    );
  }
}

async function resolveProvider(
  descriptor: CloudProviderDescriptorV1,
  given: CloudProviderV1 | undefined,
  timeoutMs: number,
): Promise<CloudProviderV1> {
  if (given !== undefined) {
    assertNone(checkLoadedProvider(given, descriptor));
    return given;
  }
  const { provider, violations } = await loadProvider(descriptor, { timeoutMs });
  assertNone(violations);
  if (provider === undefined) throw new Error('load() gave no provider');
  return provider;
}

function assertNone(violations: readonly string[]): void {
  if (violations.length > 0) {
    throw new Error(`Contract v1 violated:\n- ${violations.join('\n- ')}`);
  }
}
