import {
  ChaosgardenError,
  type CloudProviderV1,
  chaosgardenErrorCodes,
  createMemoryLedger,
} from '@chaosgarden/core';
import {
  artefactIds,
  type BehaviourCheckOptions,
  defaultBehaviourTimeoutMs,
  standInCall,
  withTemporaryDirectories,
} from './behaviour-support';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown, type ProviderActionName } from './contract-facts';
import { settleWithin } from './settle-within';
import { watchingLedger } from './watching-ledger';

/** An action `checkUnknownOption` calls: the four of contract v1, and `reconcile`. */
export type OptionCheckedAction = ProviderActionName | 'reconcile';

/** The misspelt option each action gets: a real option's name with one letter missing. */
export const misspeltOptions: Readonly<Record<OptionCheckedAction, Readonly<Record<string, unknown>>>> = {
  assessFiltersImpact: { maxTarget: 1 },
  runComputeFailureSimulation: { maxTarget: 1 },
  runNetworkFailureSimulation: { maxTarget: 1 },
  rollbackNetworkFailureSimulation: { maxTarget: 1 },
  reconcile: { dryrun: true },
};

const notRefusals: readonly string[] = [
  chaosgardenErrorCodes.cloudApiError,
  chaosgardenErrorCodes.terminated,
  chaosgardenErrorCodes.rollbackIncomplete,
  chaosgardenErrorCodes.simulationLocked,
];

/**
 * Calls `action` with the stand-in's input plus one misspelt top-level option (`misspeltOptions`). It
 * must reject with a `ChaosgardenError` that names the option, before any change: no ledger intent and
 * nothing in the stand-in.
 *
 * @returns One sentence per violation; empty when the misspelt option was refused.
 */
export async function checkUnknownOption(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  action: OptionCheckedAction,
  options: BehaviourCheckOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  const misspelt = misspeltOptions[action];
  const [key = ''] = Object.keys(misspelt);
  const method = provider[action] as ((options: unknown) => Promise<unknown>) | undefined;
  if (typeof method !== 'function') return [];
  return withTemporaryDirectories(1, async ([directory = '']) => {
    const watched = watchingLedger(createMemoryLedger(), () => standIn.listArtefacts());
    const controller = new AbortController();
    const call = standInCall(standIn, {
      ...(action === 'reconcile' ? {} : { ledger: watched.ledger }),
      stateDirectory: directory,
      signal: controller.signal,
      ...misspelt,
    });
    const settlement = await settleWithin(() => method.call(provider, call), timeoutMs);
    controller.abort();
    const subject = `${action} with the misspelt option '${key}'`;
    const violations: string[] = [];
    if (settlement.outcome === 'pending') violations.push(`${subject} did not settle within ${timeoutMs} ms`);
    if (settlement.outcome === 'resolved') {
      violations.push(
        `${subject} was accepted; refuse an unknown top-level option key before any cloud call`,
      );
    }
    if (settlement.outcome === 'rejected') violations.push(...judgeRefusal(subject, key, settlement.error));
    if (watched.intents.length > 0) {
      violations.push(`${subject} recorded ${watched.intents.length} ledger intent(s): it changed something`);
    }
    const left = await artefactIds(standIn);
    if (left.length > 0) violations.push(`${subject} left ${left.join(', ')} in the stand-in`);
    return violations;
  });
}

function judgeRefusal(subject: string, key: string, error: unknown): string[] {
  if (!ChaosgardenError.isInstance(error) || notRefusals.includes(error.code)) {
    return [
      `${subject} failed with ${describeThrown(error)}; expected a refusal (a ChaosgardenError naming '${key}')`,
    ];
  }
  if (!error.message.includes(key)) {
    return [
      `${subject} was refused with '${error.code}', but the message does not name '${key}': ${error.message}`,
    ];
  }
  return [];
}
