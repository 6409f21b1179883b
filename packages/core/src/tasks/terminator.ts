import { InvalidArgumentError } from '../errors/invalid-argument-error';
import type { Logger } from '../logging/logger';
import { abortableSleep } from './abortable-sleep';
import { type Clock, formatClockTime, systemClock } from './clock';
import { currentTask, enclosingBackgroundTaskName } from './task-registry';
import type { TerminationReason } from './termination-reason';

export interface TerminatorOptions {
  /**
   * Whole seconds, already parsed: `0` = one pass (the first check is false, the second true),
   * `> 0` = until now > start + duration, `< 0` = until termination is requested.
   */
  duration: number;
  /** Named in the log lines when not inside a background task, e.g. `runNetworkFailureSimulation`. */
  who: string;
  logger: Logger;
  /** Default: the system clock (`Date.now()`). */
  clock?: Clock;
  /** The caller's signal; aborting it requests termination. The current task's signal always does. */
  signal?: AbortSignal;
}

export interface Terminator {
  /** True once the loop must end; logs each reason once. Stays true after that. */
  isTerminated(): boolean;
  /** Why it ended, once `isTerminated()` returned true. */
  readonly reason: TerminationReason | undefined;
  /** Seconds since creation; frozen at the moment `isTerminated()` first returned true. */
  readonly netDurationSeconds: number;
  /** Aborts when termination is requested (not when time is up): pass it to cloud calls and waits. */
  readonly signal: AbortSignal;
  /** Sleeps between loop passes; wakes up early (resolving) when termination is requested. */
  sleep(ms: number): Promise<void>;
}

const logLines: Record<TerminationReason, string> = {
  'single-invocation': 'Single invocation performed',
  'time-up': 'Time is up',
  'termination-requested': 'Termination requested',
  // Never found by the terminator itself: the simulation that saw its artefacts gone ends its loop.
  'rolled-back-externally': 'Rolled back externally',
};

/**
 * The loop guard of every long-running action (Python `Terminator`): create it where the loop
 * starts and loop `while (!terminator.isTerminated()) { …; await terminator.sleep(period) }`.
 */
export function createTerminator(options: TerminatorOptions): Terminator {
  const { duration, logger } = options;
  if (!Number.isInteger(duration)) {
    throw new InvalidArgumentError({
      argument: 'duration',
      message: `Duration must be a whole number of seconds, got ${String(duration)}.`,
    });
  }
  const clock = options.clock ?? systemClock;
  const task = currentTask();
  const who = enclosingBackgroundTaskName(task) ?? options.who;
  const signals = [options.signal, task?.signal].filter(
    (signal): signal is AbortSignal => signal !== undefined,
  );
  const signal = signals.length === 1 && signals[0] ? signals[0] : AbortSignal.any(signals);
  const start = clock.now();
  const logged = new Set<TerminationReason>();
  let checks = 0;
  let reason: TerminationReason | undefined;
  let endedAt: number | undefined;

  const conditions = (now: number): TerminationReason[] => {
    const found: TerminationReason[] = [];
    if (duration === 0 && checks > 0) {
      found.push('single-invocation');
    }
    if (duration > 0 && now > start + duration * 1000) {
      found.push('time-up');
    }
    if (signal.aborted) {
      found.push('termination-requested');
    }
    return found;
  };

  return {
    isTerminated() {
      const now = clock.now();
      const found = conditions(now);
      checks++;
      for (const condition of found) {
        if (!logged.has(condition)) {
          logged.add(condition);
          const seconds = ((now - start) / 1000).toFixed(1);
          logger.info(
            `${logLines[condition]} for ${who} at ${formatClockTime(now)} (${seconds}s net duration). Terminating now.`,
          );
        }
      }
      if (reason === undefined && found.length > 0) {
        // A requested stop outranks the others: it is what the operator needs to see in the result.
        reason = found.includes('termination-requested') ? 'termination-requested' : found[0];
        endedAt = now;
      }
      return reason !== undefined;
    },
    get reason() {
      return reason;
    },
    get netDurationSeconds() {
      return ((endedAt ?? clock.now()) - start) / 1000;
    },
    signal,
    sleep: (ms) => abortableSleep(ms, signal),
  };
}
