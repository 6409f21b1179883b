import { createLogger } from '../logging/create-logger';
import type { Logger } from '../logging/logger';
import { type BackgroundTask, startInBackground } from './background-task';

/** The options every action takes that `backgroundForm` relies on. */
export interface BackgroundableOptions {
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}

/**
 * Makes the `…InBackground` twin of an action: same options, returns a `BackgroundTask` at once.
 * The action runs with the task's signal, which aborts on `terminate()`, on SIGINT/SIGTERM/SIGQUIT
 * and when the caller's own `signal` aborts. Without a `logger` in the options, `createLogger()` is used.
 *
 * @example
 * export const runNetworkFailureSimulationInBackground =
 *   backgroundForm('runNetworkFailureSimulation', runNetworkFailureSimulation);
 */
export function backgroundForm<Options extends BackgroundableOptions, Result>(
  name: string,
  action: (options: Options) => Promise<Result>,
): (options: Options) => BackgroundTask<Result> {
  return (options) => {
    const logger = options.logger ?? createLogger();
    return startInBackground(
      { name, logger, ...(options.signal === undefined ? {} : { signal: options.signal }) },
      ({ signal }) => action({ ...options, logger, signal }),
    );
  };
}
