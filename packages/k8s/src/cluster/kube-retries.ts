import { isRetryableError, type Logger, withRetries } from '@chaosgarden/core';
import { KubeApiError } from '../k8s-errors';
import type { RequestVerb } from './request-counter';

export interface KubeRetryOptions<T> {
  verb: RequestVerb;
  /** Named in each retry's log line, e.g. `delete pod default/web-1`. */
  operation: string;
  logger: Logger;
  /** Attempts after the first. */
  retries: number;
  /** Ends the retrying (the caller's signal, or it combined with the whole-call limit). */
  signal: AbortSignal | undefined;
  /**
   * The answer when an earlier attempt may have done the work already and this one finds it done
   * (a create answering 409 AlreadyExists, a delete answering 404). Without it such answers are errors.
   */
  whenAlreadyDone?: (() => T) | undefined;
}

/**
 * Runs one API call with core's retry policy: 429 (after its `Retry-After`), 5xx and connection
 * failures are tried again, up to `retries` times, each retry logged as a warning naming the operation. 410
 * Gone is not retried: the same call cannot succeed, the caller has to list again.
 */
export async function withKubeRetries<T>(
  attempt: () => Promise<T>,
  options: KubeRetryOptions<T>,
): Promise<T> {
  let outcomeUnknown = false;
  let lastFailure: unknown;
  try {
    return await withRetries(
      async () => {
        try {
          return await attempt();
        } catch (error) {
          if (outcomeUnknown && options.whenAlreadyDone && isAlreadyDone(options.verb, error)) {
            options.logger.debug(
              `${options.operation}: ${(error as KubeApiError).statusCode} after a retry; the earlier attempt did it.`,
            );
            return options.whenAlreadyDone();
          }
          outcomeUnknown ||= mayHaveBeenCarriedOut(error);
          lastFailure = error;
          throw error;
        }
      },
      {
        description: options.operation,
        logger: options.logger,
        retries: options.retries,
        signal: options.signal,
        isRetryable: (error) =>
          isRetryableError(error) && !(KubeApiError.isInstance(error) && error.statusCode === 410),
      },
    );
  } catch (error) {
    // The whole-call limit ran out during a back-off: the last answer says more than "timed out".
    if (lastFailure !== undefined && options.signal?.aborted && error === options.signal.reason)
      throw lastFailure;
    throw error;
  }
}

/** A reset, a timeout or a 5xx: the server may have carried the call out before it failed. */
function mayHaveBeenCarriedOut(error: unknown): boolean {
  if (!KubeApiError.isInstance(error)) return false;
  return error.statusCode === undefined ? error.isRetryable : error.statusCode >= 500;
}

function isAlreadyDone(verb: RequestVerb, error: unknown): boolean {
  if (!KubeApiError.isInstance(error)) return false;
  return (
    (verb === 'create' && error.statusCode === 409 && error.reason === 'AlreadyExists') ||
    (verb === 'delete' && error.statusCode === 404)
  );
}
