import {
  createLogger,
  type LogFormat,
  type Logger,
  type LogLevel,
  observeProcessSignals,
} from '@chaosgarden/core';
import type { TerminalStatus } from '../progress/terminal-status';
import type { Terminal } from '../providers/human-actions';

/** What a command may use to talk to the user; the executable provides it (and owns stdout). */
export interface CommandIo {
  /** Writes results meant for stdout (journals, reports paths, JSON results). */
  out(text: string): void;
  /** The terminal for confirmation prompts, when stdin and stdout are terminals. */
  terminal: Terminal | undefined;
  env: Readonly<Record<string, string | undefined>>;
  /** When stderr is a terminal: the live status line, below the log lines. */
  status?: TerminalStatus | undefined;
}

/** Options every command takes. */
export interface LoggingOptions {
  /** `human` (default, or env `CHAOSGARDEN_LOG_FORMAT`) or `json` lines on stderr. */
  logFormat?: LogFormat;
  /** Default `info` (or env `CHAOSGARDEN_LOG_LEVEL`). */
  logLevel?: LogLevel;
}

export function commandLogger(options: LoggingOptions, io: CommandIo): Logger {
  const json = (options.logFormat ?? io.env.CHAOSGARDEN_LOG_FORMAT) === 'json';
  const status = json ? undefined : io.status;
  return createLogger({
    env: io.env,
    ...(status === undefined ? {} : { write: status.writeLine }),
    ...(options.logFormat === undefined ? {} : { format: options.logFormat }),
    ...(options.logLevel === undefined ? {} : { level: options.logLevel }),
  });
}

/**
 * Installs SIGINT/SIGTERM listeners for the duration of `body`. While simulations run, core's handlers
 * hold the signal and hand it on to these listeners only after every roll-back; a core observer tells
 * `received` at once, so that the "Received …" line comes first and the exit code knows the signal
 * even when the body ends before the hand-over.
 */
export async function withSignalListeners<T>(
  logger: Logger,
  body: (signal: AbortSignal, received: () => NodeJS.Signals | undefined) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  let heldByCore = false;
  let finished = false;
  const note = (signal: NodeJS.Signals): boolean => {
    if (received !== undefined) return false;
    received = signal;
    logger.warn(`Received ${signal}: stopping the running activities, then rolling back.`);
    return true;
  };
  // Core stops the simulations itself and logs the later signals; the body's own signal is not
  // aborted here, because for a roll-back command it gives up the retries (a Ctrl-C must not).
  const stopObserving = observeProcessSignals((signal, count) => {
    if (count === 1) heldByCore = true;
    note(signal);
  });
  const remove = () => {
    process.removeListener('SIGINT', listener);
    process.removeListener('SIGTERM', listener);
  };
  const listener = (signal: NodeJS.Signals) => {
    if (finished) {
      // Core's hand-over after the body ended (core put the listener back): nothing left to stop.
      remove();
      return;
    }
    if (!note(signal) && !heldByCore) {
      logger.warn(`Received ${signal} again; still finishing the roll-backs, please wait.`);
    }
    controller.abort(new Error(`Interrupted by ${received}`));
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  try {
    return await body(controller.signal, () => received);
  } finally {
    finished = true;
    stopObserving();
    remove();
  }
}
