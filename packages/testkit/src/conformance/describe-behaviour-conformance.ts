import type { CloudProviderDescriptorV1, CloudProviderV1 } from '@chaosgarden/core';
import type { BehaviourGroupName } from './behaviour-group-names';
import { loadProvider } from './check-loaded-provider';
import type { ConformanceStandIn } from './conformance-stand-in';
import { declareBehaviourGroups } from './declare-behaviour-groups';
import type { ConformanceTestApi } from './describe-provider-conformance';

export interface DescribeBehaviourConformanceOptions {
  /** The test framework, e.g. `import * as vitest from 'vitest'`. */
  vitest: ConformanceTestApi;
  /** The plugin's descriptor (its `plugin` export); the groups call the actions `load()` returns. */
  descriptor: CloudProviderDescriptorV1;
  /** The stand-in the groups run against; see `ConformanceStandIn`. */
  standIn: ConformanceStandIn;
  /** Groups not to declare, by name (`behaviourGroupNames`). Default: none skipped. */
  skipGroups?: readonly BehaviourGroupName[];
  /** How long one wait or call of a behaviour test may take. Default 30000 ms. */
  timeoutMs?: number;
}

/**
 * Declares only the behaviour groups of contract v1 (`behaviourGroupNames`) against a stand-in, in one
 * `describe` block: for a plugin whose shape checks run elsewhere (against an unreachable endpoint),
 * while these need an emulator. `describeProviderConformance({ ..., standIn })` declares both.
 *
 * @example
 * describeBehaviourConformance({ vitest, descriptor: plugin, standIn: motoStandIn, skipGroups: ['reconcile'] });
 */
export function describeBehaviourConformance(options: DescribeBehaviourConformanceOptions): void {
  const { vitest, descriptor } = options;
  if (typeof vitest?.describe !== 'function' || typeof vitest.it !== 'function') {
    throw new TypeError(
      "describeBehaviourConformance needs the test framework: pass { vitest } with import * as vitest from 'vitest'",
    );
  }
  let provider: Promise<CloudProviderV1> | undefined;
  const theProvider = () => {
    provider ??= loadProvider(descriptor).then(({ provider: loaded, violations }) => {
      if (loaded === undefined) throw new Error(`Contract v1 violated:\n- ${violations.join('\n- ')}`);
      return loaded;
    });
    return provider;
  };
  vitest.describe(`chaosgarden provider contract v1 behaviour: ${descriptor.providerType}`, () => {
    declareBehaviourGroups({
      vitest,
      provider: theProvider,
      standIn: options.standIn,
      ...(options.skipGroups === undefined ? {} : { skipGroups: options.skipGroups }),
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      assertNone: (violations) => {
        if (violations.length > 0) throw new Error(`Contract v1 violated:\n- ${violations.join('\n- ')}`);
      },
    });
  });
}
