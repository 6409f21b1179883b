import type { Logger } from '../logging/logger';
import type { TaskContext } from './background-task';
import { runTask } from './task-registry';

export interface RunSimulationOptions {
  /** Name in log lines and in `listTasks()`, usually the action's name. */
  name: string;
  /** The caller's signal; aborting it asks the simulation to stop (its roll-back still runs). */
  signal?: AbortSignal;
  /** Receives the signal handler's and shutdown's lines if a signal arrives while this is the oldest task. */
  logger: Logger;
}

/**
 * Runs a simulation in the foreground as a registered task, so that SIGINT/SIGTERM/SIGQUIT reach it
 * and the process waits for its roll-back before the signal takes its course. Settles with the
 * body's outcome. Plugins wrap every public action that changes anything in it.
 */
export function runSimulation<T>(
  options: RunSimulationOptions,
  body: (context: TaskContext) => Promise<T>,
): Promise<T> {
  return runTask(
    { name: options.name, kind: 'foreground', logger: options.logger, signal: options.signal },
    body,
  ).outcome;
}
