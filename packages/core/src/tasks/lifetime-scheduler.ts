import { InvalidArgumentError } from '../errors/invalid-argument-error';

export interface LifetimeSchedulerOptions {
  /** Shortest lifetime in whole seconds before a target is hit. */
  minRuntime: number;
  /** Longest lifetime in whole seconds; must not be below `minRuntime` (callers raise it and warn first). */
  maxRuntime: number;
  /** Uniform number in [0, 1). Default `Math.random`; inject a seeded one in tests. */
  random?: () => number;
}

export interface ScheduleResult {
  /** True when the target was unknown and has just been scheduled (the caller logs "Scheduled …"). */
  isNew: boolean;
  /** When it is due, in epoch milliseconds. */
  dueMs: number;
}

/**
 * When each target (machine, pod) of a compute or pod simulation is due (spec 1.7/1.7a). Logs
 * nothing: the log lines differ per provider.
 */
export interface LifetimeScheduler {
  /** Schedules an unknown target at `baseTimeMs` + a fresh whole number of seconds in [min, max]. */
  scheduleIfUnknown(id: string, baseTimeMs: number): ScheduleResult;
  /** Strictly after its due time; false for an unknown target. */
  isDue(id: string, nowMs: number): boolean;
  /** Pushes the due time to `nowMs` + `seconds` (after an operation, or 1 s after a failed one). */
  backOff(id: string, nowMs: number, seconds: number): void;
  forget(id: string): void;
  /** Forgets every target not in `liveIds` (they disappeared); returns the forgotten ids. */
  prune(liveIds: Iterable<string>): string[];
  dueTime(id: string): number | undefined;
  /** A fresh draw from [min, max] seconds, e.g. the restart back-off's `R`, drawn once per run. */
  drawRuntimeSeconds(): number;
  readonly size: number;
}

export function createLifetimeScheduler(options: LifetimeSchedulerOptions): LifetimeScheduler {
  const { minRuntime, maxRuntime } = options;
  for (const [argument, value] of [
    ['minRuntime', minRuntime],
    ['maxRuntime', maxRuntime],
  ] as const) {
    if (!Number.isInteger(value) || value < 0) {
      throw new InvalidArgumentError({
        argument,
        message: `${argument} must be a whole number of seconds >= 0, got ${String(value)}.`,
      });
    }
  }
  if (maxRuntime < minRuntime) {
    throw new InvalidArgumentError({
      argument: 'maxRuntime',
      message: `maxRuntime (${maxRuntime}) must not be below minRuntime (${minRuntime}); raise it first.`,
    });
  }
  const random = options.random ?? Math.random;
  const due = new Map<string, number>();
  // Python's randint(a, b): both ends inclusive.
  const drawRuntimeSeconds = () => minRuntime + Math.floor(random() * (maxRuntime - minRuntime + 1));

  return {
    scheduleIfUnknown(id, baseTimeMs) {
      const known = due.get(id);
      if (known !== undefined) {
        return { isNew: false, dueMs: known };
      }
      const dueMs = baseTimeMs + drawRuntimeSeconds() * 1000;
      due.set(id, dueMs);
      return { isNew: true, dueMs };
    },
    isDue(id, nowMs) {
      const dueMs = due.get(id);
      return dueMs !== undefined && nowMs > dueMs;
    },
    backOff(id, nowMs, seconds) {
      due.set(id, nowMs + seconds * 1000);
    },
    forget(id) {
      due.delete(id);
    },
    prune(liveIds) {
      const live = new Set(liveIds);
      const gone = [...due.keys()].filter((id) => !live.has(id));
      for (const id of gone) {
        due.delete(id);
      }
      return gone;
    },
    dueTime: (id) => due.get(id),
    drawRuntimeSeconds,
    get size() {
      return due.size;
    },
  };
}
