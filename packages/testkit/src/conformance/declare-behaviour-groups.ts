import type { CloudProviderV1 } from '@chaosgarden/core';
import { type BehaviourGroupName, behaviourGroupNames } from './behaviour-group-names';
import { defaultBehaviourTimeoutMs } from './behaviour-support';
import { checkLedgerBeforeChange } from './check-ledger-before-change';
import { checkLockRefusal } from './check-lock-refusal';
import { checkReconcileLeftover } from './check-reconcile-leftover';
import { checkRollbackTwice } from './check-rollback-twice';
import { checkUnknownOption, misspeltOptions, type OptionCheckedAction } from './check-unknown-option';
import type { ConformanceStandIn } from './conformance-stand-in';
import type { ConformanceTestApi } from './describe-provider-conformance';

/** What `declareBehaviourGroups` needs. */
export interface BehaviourGroupsOptions {
  vitest: ConformanceTestApi;
  /** The provider under test, loaded once for all groups. */
  provider: () => Promise<CloudProviderV1>;
  standIn: ConformanceStandIn;
  /** Groups not to declare. */
  skipGroups?: readonly BehaviourGroupName[];
  /** See `BehaviourCheckOptions.timeoutMs`. */
  timeoutMs?: number;
  /** Turns violations into a failing test. */
  assertNone: (violations: readonly string[]) => void;
}

type Check = (provider: CloudProviderV1, timeoutMs: number) => Promise<string[]>;

/**
 * Declares one `describe` block per behaviour group that is on: given its hook and not in `skipGroups`.
 * Every test resets the stand-in first.
 *
 * @throws TypeError for a name in `skipGroups` that is no group.
 */
export function declareBehaviourGroups(options: BehaviourGroupsOptions): void {
  const { vitest, standIn } = options;
  const skip = new Set<string>(options.skipGroups ?? []);
  const unknown = [...skip].filter((name) => !(behaviourGroupNames as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new TypeError(
      `skipGroups names no behaviour group: ${unknown.join(', ')} (groups: ${behaviourGroupNames.join(', ')})`,
    );
  }
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  const groups = behaviourGroups(standIn);
  for (const name of behaviourGroupNames) {
    const group = groups[name];
    if (skip.has(name) || group === undefined) continue;
    vitest.describe(`behaviour: ${name}`, () => {
      for (const [title, check] of Object.entries(group)) {
        vitest.it(
          title,
          async () => {
            await standIn.reset();
            options.assertNone(await check(await options.provider(), timeoutMs));
          },
          timeoutMs * 6,
        );
      }
    });
  }
}

function behaviourGroups(
  standIn: ConformanceStandIn,
): Partial<Record<BehaviourGroupName, Record<string, Check>>> {
  const optionChecks: Record<string, Check> = {};
  for (const action of Object.keys(misspeltOptions) as OptionCheckedAction[]) {
    const [key] = Object.keys(misspeltOptions[action]);
    optionChecks[`${action} refuses the misspelt option '${key}' before any change`] = (
      provider,
      timeoutMs,
    ) => checkUnknownOption(provider, standIn, action, { timeoutMs });
  }
  return {
    'ledger-before-change': {
      'runNetworkFailureSimulation records every change as an intent before the stand-in shows it': (p, t) =>
        checkLedgerBeforeChange(p, standIn, 'runNetworkFailureSimulation', { timeoutMs: t }),
      'rollbackNetworkFailureSimulation records every change as an intent before the stand-in shows it': (
        p,
        t,
      ) => checkLedgerBeforeChange(p, standIn, 'rollbackNetworkFailureSimulation', { timeoutMs: t }),
    },
    'rollback-twice': {
      'rolling back a left-over twice succeeds and leaves nothing': (p, t) =>
        checkRollbackTwice(p, standIn, { timeoutMs: t }),
    },
    'lock-refusal': {
      'a second network simulation of the zone is refused with SimulationLockedError on the same machine': (
        p,
        t,
      ) => checkLockRefusal(p, standIn, 'same-machine', { timeoutMs: t }),
      'a second network simulation of the zone is refused with SimulationLockedError from another CHAOSGARDEN_HOST_ID':
        (p, t) => checkLockRefusal(p, standIn, 'another-host', { timeoutMs: t }),
    },
    ...(standIn.markRunDead === undefined
      ? {}
      : {
          reconcile: {
            "reconcile undoes a killed simulation's left-over and the stand-in shows nothing left": (p, t) =>
              checkReconcileLeftover(p, standIn, { timeoutMs: t }),
          },
        }),
    'unknown-option': optionChecks,
  };
}
