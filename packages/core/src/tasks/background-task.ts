import type { Logger } from '../logging/logger';
import { isTerminationOutcome } from './task-record';
import { requestTermination, runTask } from './task-registry';

/** `terminated`: it stopped because it was asked to (by `terminate()`, a signal or the caller's signal). */
export type BackgroundTaskStatus = 'running' | 'succeeded' | 'failed' | 'terminated';

/** What a task body receives. */
export interface TaskContext {
  /**
   * Aborts when the task is asked to stop. Pass it to every wait and cloud call of the main loop,
   * never to roll-back calls: it is already aborted when the roll-back runs.
   */
  signal: AbortSignal;
  taskName: string;
}

/** Handle to a simulation running in the background (Python: the `Thread` of `…_in_background`). */
export interface BackgroundTask<T> {
  readonly name: string;
  readonly status: BackgroundTaskStatus;
  /** Resolves with the body's result or rejects with its error; every call gives the same outcome. */
  join(): Promise<T>;
  /**
   * Asks the task to stop and resolves once its body, roll-back included, has finished. Never
   * rejects because the body failed: `join()` reports that.
   */
  terminate(): Promise<void>;
}

export interface StartInBackgroundOptions {
  /** Name in log lines and in `listTasks()`, e.g. `runNetworkFailureSimulation`. */
  name: string;
  /** Receives `Launching background thread …` and, if the body fails unobserved, its error. */
  logger: Logger;
  /** Aborting it asks the task to stop, like `terminate()`. */
  signal?: AbortSignal;
}

/**
 * Starts `body` as a registered background task and returns its handle at once. The body starts
 * synchronously, inside the task's async context, so terminators it creates find the task.
 */
export function startInBackground<T>(
  options: StartInBackgroundOptions,
  body: (context: TaskContext) => Promise<T>,
): BackgroundTask<T> {
  const { logger, name } = options;
  logger.info(`Launching background thread ${name}.`);
  let status: BackgroundTaskStatus = 'running';
  const { record, outcome } = runTask({ name, kind: 'background', logger, signal: options.signal }, body);
  outcome.then(
    () => {
      status = record.signal.aborted ? 'terminated' : 'succeeded';
    },
    (error: unknown) => {
      if (isTerminationOutcome(error, record.signal)) {
        status = 'terminated';
        return;
      }
      status = 'failed';
      // Like an uncaught exception in a Python thread: reported even if nobody ever joins.
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      logger.error(`Background thread ${name} failed: ${reason}`);
    },
  );
  return {
    name,
    get status() {
      return status;
    },
    join: () => outcome,
    terminate: async () => {
      requestTermination(record);
      await record.settled;
    },
  };
}
