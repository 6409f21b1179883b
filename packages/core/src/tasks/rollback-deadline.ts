import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { onThirdSignal } from './task-registry';

/** Ten minutes: far beyond what a roll-back takes when the cloud answers, short of "forever". */
export const defaultRollbackTimeoutSeconds = 600;

/** Why a roll-back gave up before it was done. */
export type RollbackAbandonment =
  | { cause: 'deadline'; timeoutSeconds: number }
  | { cause: 'signal'; signal: NodeJS.Signals }
  | { cause: 'caller' };

export interface RollbackDeadlineOptions {
  /**
   * Seconds the roll-back may take before it stops retrying. Negative: no deadline. Default
   * `defaultRollbackTimeoutSeconds` (600). Check user input with `validateRollbackTimeout` first.
   */
  timeoutSeconds?: number | undefined;
  /** The caller's own way to give up (e.g. a `rollbackSignal` option); joined in. Default: none. */
  signal?: AbortSignal | undefined;
}

export interface RollbackDeadline {
  /**
   * Aborts when the deadline passes, on the third process signal of a shutdown, or when the caller's
   * signal aborts. Pass it to every call and retry of the roll-back.
   */
  readonly signal: AbortSignal;
  /** Why the signal aborted; `undefined` while it has not. */
  readonly abandonment: RollbackAbandonment | undefined;
  /** Stops the timer and the signal listening. Call it once the roll-back is over. */
  dispose(): void;
}

// setTimeout fires at once (with a warning) beyond this; a longer deadline is as good as none.
const longestTimerMs = 2 ** 31 - 1;

/**
 * Gives a roll-back a way out when the cloud never answers: a deadline, the third SIGINT/SIGTERM/SIGQUIT
 * of a shutdown (the first asks the simulations to stop, the second says how to give up), or the
 * caller's own signal. The roll-back then stops retrying and reports what is left, which stays pending
 * in the roll-back ledger. Create it when the roll-back starts, dispose of it when it ends.
 */
export function startRollbackDeadline(options: RollbackDeadlineOptions = {}): RollbackDeadline {
  const controller = new AbortController();
  let abandonment: RollbackAbandonment | undefined;
  const abandon = (why: RollbackAbandonment, reason: unknown) => {
    if (abandonment !== undefined) return;
    abandonment = why;
    controller.abort(reason);
  };
  const timeoutSeconds = options.timeoutSeconds ?? defaultRollbackTimeoutSeconds;
  const timer =
    timeoutSeconds >= 0
      ? setTimeout(
          () =>
            abandon(
              { cause: 'deadline', timeoutSeconds },
              new DOMException(`The roll-back deadline of ${timeoutSeconds} s passed.`, 'TimeoutError'),
            ),
          Math.min(timeoutSeconds * 1000, longestTimerMs),
        )
      : undefined;
  timer?.unref();
  const callerSignal = options.signal;
  const onCallerAbort = () => abandon({ cause: 'caller' }, callerSignal?.reason);
  if (callerSignal?.aborted === true) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  const stopListening = onThirdSignal((signal) =>
    abandon(
      { cause: 'signal', signal },
      new DOMException(`The roll-back was abandoned on a third ${signal}.`, 'AbortError'),
    ),
  );
  return {
    signal: controller.signal,
    get abandonment() {
      return abandonment;
    },
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
      stopListening();
    },
  };
}

/** What made the roll-back give up, for log lines and errors: `the roll-back deadline (600 s) passed`. */
export function describeRollbackAbandonment(abandonment: RollbackAbandonment): string {
  switch (abandonment.cause) {
    case 'deadline':
      return `the roll-back deadline (${abandonment.timeoutSeconds} s) passed`;
    case 'signal':
      return `a third ${abandonment.signal} abandoned it`;
    default:
      return "the caller's signal gave it up";
  }
}

/**
 * Checks a `rollbackTimeoutSeconds` option: a positive number of seconds, or negative for no deadline.
 * `undefined` gives the default (600).
 *
 * @throws InvalidArgumentError for 0, a non-number or NaN.
 */
export function validateRollbackTimeout(value: unknown, argument = 'rollbackTimeoutSeconds'): number {
  if (value === undefined || value === null) return defaultRollbackTimeoutSeconds;
  if (typeof value !== 'number' || Number.isNaN(value) || value === 0) {
    throw new InvalidArgumentError({
      argument,
      message: `${argument} must be a number of seconds the roll-back may take (> 0; negative: no deadline; default ${defaultRollbackTimeoutSeconds}), was ${JSON.stringify(value) ?? String(value)}.`,
    });
  }
  return value;
}
