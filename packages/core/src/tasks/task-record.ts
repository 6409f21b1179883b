import { TerminatedError } from '../errors/terminated-error';
import type { Logger } from '../logging/logger';

/** `foreground`: a simulation awaited by its caller (`runSimulation`); `background`: `startInBackground`. */
export type TaskKind = 'foreground' | 'background';

/** A registered task as the registry keeps it. Internal: callers see `TaskInfo` or a `BackgroundTask`. */
export interface TaskRecord {
  readonly id: number;
  readonly name: string;
  readonly kind: TaskKind;
  /** The task this one was started from (found through the async context), if any. */
  readonly parent: TaskRecord | undefined;
  readonly logger: Logger;
  /** Aborted by `terminate()`, `terminateAllTasks()` and the signal handler. */
  readonly controller: AbortController;
  /** Aborts when the controller, the caller's signal or the parent task's signal aborts. */
  readonly signal: AbortSignal;
  readonly startedAt: number;
  /** Settles (never rejects) once the body has finished, roll-back included, and the task is unregistered. */
  settled: Promise<void>;
}

/** What `listTasks()` reports about a running task. */
export interface TaskInfo {
  readonly name: string;
  readonly kind: TaskKind;
  /** Start time in epoch milliseconds. */
  readonly startedAt: number;
  /** True once the task was asked to stop (it may still be rolling back). */
  readonly terminationRequested: boolean;
}

/** The abort reason a task's signal carries when chaosgarden itself asks the task to stop. */
export function terminationRequest(taskName: string): TerminatedError {
  return new TerminatedError({ who: taskName });
}

/** True if `error` is how a task reports that it stopped because it was asked to (not a failure). */
export function isTerminationOutcome(error: unknown, signal: AbortSignal): boolean {
  if (!signal.aborted) {
    return false;
  }
  if (error === signal.reason) {
    return true;
  }
  if (TerminatedError.isInstance(error)) {
    return true;
  }
  return error instanceof Error && error.name === 'AbortError';
}
