import { createLogger, type LogFormat, type Logger, type LogLevel } from '@chaosgarden/core';
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

/** Installs SIGINT/SIGTERM listeners for the duration of `body`; core hands signals on to them. */
export async function withSignalListeners<T>(
  logger: Logger,
  body: (signal: AbortSignal, received: () => NodeJS.Signals | undefined) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const listener = (signal: NodeJS.Signals) => {
    if (received !== undefined) {
      logger.warn(`Received ${signal} again; still finishing the roll-backs, please wait.`);
      return;
    }
    received = signal;
    logger.warn(`Received ${signal}: stopping the running activities, then rolling back.`);
    controller.abort(new Error(`Interrupted by ${signal}`));
  };
  process.on('SIGINT', listener);
  process.on('SIGTERM', listener);
  try {
    return await body(controller.signal, () => received);
  } finally {
    process.removeListener('SIGINT', listener);
    process.removeListener('SIGTERM', listener);
  }
}
