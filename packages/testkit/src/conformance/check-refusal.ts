import { ChaosgardenError, type CloudProviderV1, type Logger } from '@chaosgarden/core';
import { defaultCallTimeoutMs, describeThrown, type SettleOptions } from './contract-facts';
import type { RefusalCase } from './refusal-cases';
import { settleWithin } from './settle-within';

/** Swallows the plugin's log lines so that test output stays readable. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Calls `provider[refusalCase.action]` with the bad options (plus a silent logger and a live
 * `AbortSignal`, aborted once the check is over) and checks that it rejects, within `timeoutMs`, with a
 * `ChaosgardenError` of the expected `code` and, for `invalid-argument`, the expected `argument`.
 *
 * @returns One sentence per violation; empty when the plugin refused the call as documented.
 */
export async function checkRefusal(
  provider: CloudProviderV1,
  refusalCase: RefusalCase,
  options: SettleOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  const { action, problem, expectedCode } = refusalCase;
  const controller = new AbortController();
  const callOptions = { ...refusalCase.options, logger: silentLogger, signal: controller.signal };
  const settlement = await settleWithin(
    () => (provider[action] as (options: unknown) => Promise<unknown>)(callOptions),
    timeoutMs,
  );
  controller.abort();
  const subject = `${action} with ${problem}`;
  if (settlement.outcome === 'pending') {
    return [
      `${subject} did not settle within ${timeoutMs} ms; bad input must be refused before any cloud call`,
    ];
  }
  if (settlement.outcome === 'resolved') {
    return [`${subject} was accepted; it must reject with a ChaosgardenError with code '${expectedCode}'`];
  }
  const { error } = settlement;
  if (!ChaosgardenError.isInstance(error)) {
    return [
      `${subject} rejected with ${describeThrown(error)}, which is not a ChaosgardenError ` +
        `(throw core's error classes, code '${expectedCode}')`,
    ];
  }
  if (error.code !== expectedCode) {
    return [`${subject} rejected with code '${error.code}', expected '${expectedCode}' (${error.message})`];
  }
  const blamed = (error as { argument?: unknown }).argument;
  if (refusalCase.argument !== undefined && typeof blamed === 'string' && blamed !== refusalCase.argument) {
    return [`${subject} blamed option '${blamed}', expected '${refusalCase.argument}' (${error.message})`];
  }
  return [];
}
