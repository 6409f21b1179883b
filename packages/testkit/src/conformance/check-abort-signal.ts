import { ChaosgardenError, type CloudProviderV1, chaosgardenErrorCodes } from '@chaosgarden/core';
import { silentLogger } from './check-refusal';
import {
  type ConformanceInput,
  defaultCallTimeoutMs,
  describeThrown,
  type ProviderActionName,
  type SettleOptions,
} from './contract-facts';
import { settleWithin } from './settle-within';

const refusalCodes: readonly string[] = [
  chaosgardenErrorCodes.invalidArgument,
  chaosgardenErrorCodes.unknownFilterKey,
  chaosgardenErrorCodes.emptyFiltersRefused,
];

/**
 * Calls `provider[action]` with the valid input and an `AbortSignal` that is already aborted (the two
 * simulations also get `duration: -1`, "until stopped"). The action must accept the `signal` option and
 * stop within `timeoutMs`: by resolving (a simulation ending with reason `termination-requested`), or by
 * rejecting with core's `TerminatedError`, the signal's reason or an `AbortError` (directly or as a
 * `cause`). Refusing the input with a validation error is a violation: the signal or the valid input
 * was not accepted.
 *
 * @returns One sentence per violation; empty when the action honoured the signal.
 */
export async function checkAbortSignal(
  provider: CloudProviderV1,
  action: ProviderActionName,
  input: ConformanceInput,
  options: SettleOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  const signal = AbortSignal.abort();
  const runsUntilStopped =
    action === 'runComputeFailureSimulation' || action === 'runNetworkFailureSimulation';
  const callOptions = {
    ...input,
    logger: silentLogger,
    signal,
    ...(runsUntilStopped ? { duration: -1 } : {}),
  };
  const settlement = await settleWithin(
    () => (provider[action] as (options: unknown) => Promise<unknown>)(callOptions),
    timeoutMs,
  );
  const subject = `${action} with an aborted signal`;
  if (settlement.outcome === 'pending') {
    return [`${subject} did not stop within ${timeoutMs} ms; pass the signal to every wait and cloud call`];
  }
  if (settlement.outcome === 'resolved' || isAbortOutcome(settlement.error, signal)) {
    return [];
  }
  const { error } = settlement;
  if (ChaosgardenError.isInstance(error) && refusalCodes.includes(error.code)) {
    return [`${subject} refused the valid input (${describeThrown(error)}); accept the signal option`];
  }
  return [
    `${subject} rejected with ${describeThrown(error)}; expected it to stop with TerminatedError, ` +
      "the signal's reason or an AbortError",
  ];
}

function isAbortOutcome(error: unknown, signal: AbortSignal): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 10; depth += 1) {
    if (current === signal.reason) return true;
    if (ChaosgardenError.isInstance(current) && current.code === chaosgardenErrorCodes.terminated)
      return true;
    if (current instanceof Error && current.name === 'AbortError') return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
