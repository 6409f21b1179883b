import pRetry, { AbortError } from 'p-retry';
import type { Logger } from '../logging/logger';
import { abortableSleep } from '../tasks/abortable-sleep';
import { retryAfterMs } from './retry-after';
import { isRetryableError } from './retryable-error';

export interface WithRetriesOptions {
  /** What is being tried, for the log line: `CreateNetworkAcl in us-east-1`. */
  description: string;
  /** Stops retrying (also during a back-off); the promise then rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Receives one `warn` line per retry. */
  logger: Logger;
  /** Retries after the first attempt. Default 5. Ignored with `untilAborted`. */
  retries?: number;
  /**
   * Roll-back mode: retry retryable errors without limit until the call succeeds or `signal` aborts.
   * Non-retryable errors still fail at once. Default `false`. Do not pass the simulation's signal
   * here: it is already aborted when the roll-back runs, and an aborted signal means no attempt.
   */
  untilAborted?: boolean;
  /** First back-off. Default 200 ms. Each later one doubles, times a random jitter factor in [1, 2). */
  minDelayMs?: number;
  /** Longest back-off (before a server's `Retry-After`, which is honoured up to 5 minutes). Default 10 000 ms. */
  maxDelayMs?: number;
  /** Which errors to retry. Default `isRetryableError`. */
  isRetryable?: (error: unknown) => boolean;
}

const defaultRetries = 5;
const defaultMinDelayMs = 200;
const defaultMaxDelayMs = 10_000;
/** A server asking for longer than this is more likely broken than busy. */
const maximumRetryAfterMs = 5 * 60_000;

/**
 * Carries whatever the operation threw through p-retry, which would otherwise refuse to retry a
 * `TypeError` on its own judgement and turn non-errors into `TypeError`s: the decision is ours.
 */
class AttemptFailure extends Error {
  constructor(readonly failure: unknown) {
    super('attempt failed');
  }
}

/**
 * Runs `operation` and retries it on retryable errors with exponential back-off and jitter,
 * honouring a `Retry-After` the error carries. The one retry policy of chaosgarden: configure SDK
 * clients not to retry on their own (`sdkMaxAttempts`) so that retries are logged and abortable.
 * Rejects with the last error, or with the signal's reason once `signal` aborted (an aborted signal
 * means `operation` is never called).
 */
export async function withRetries<T>(
  operation: (attempt: number) => Promise<T>,
  options: WithRetriesOptions,
): Promise<T> {
  const { description, logger, signal } = options;
  const isRetryable = options.isRetryable ?? isRetryableError;
  const minDelayMs = options.minDelayMs ?? defaultMinDelayMs;
  const maxDelayMs = options.maxDelayMs ?? defaultMaxDelayMs;
  try {
    return await pRetry(
      async (attempt) => {
        try {
          return await operation(attempt);
        } catch (error) {
          throw isRetryable(error) ? new AttemptFailure(error) : new AbortError(new AttemptFailure(error));
        }
      },
      {
        retries: options.untilAborted ? Number.POSITIVE_INFINITY : (options.retries ?? defaultRetries),
        factor: 2,
        minTimeout: minDelayMs,
        maxTimeout: maxDelayMs,
        randomize: true,
        ...(signal === undefined ? {} : { signal }),
        onFailedAttempt: async ({ error, attemptNumber, retriesLeft, retryDelay }) => {
          if (retriesLeft <= 0) {
            return;
          }
          const failure = unwrap(error);
          const serverDelayMs = Math.min(retryAfterMs(failure) ?? 0, maximumRetryAfterMs);
          const extraDelayMs = Math.max(0, serverDelayMs - retryDelay);
          logger.warn(
            `Retrying ${description} after ${describe(failure)} (attempt ${attemptNumber}, next in ${((retryDelay + extraDelayMs) / 1000).toFixed(1)}s).`,
          );
          // p-retry waits `retryDelay` itself afterwards; the server's longer wish is waited here.
          await abortableSleep(extraDelayMs, signal);
        },
      },
    );
  } catch (error) {
    throw unwrap(error);
  }
}

function unwrap(error: unknown): unknown {
  return error instanceof AttemptFailure ? error.failure : error;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    return `${error.name}: ${error.message.replace(/\.$/, '')}`;
  }
  return String(error);
}
