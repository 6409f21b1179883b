import { formatHumanLine } from './format-log-line';
import type { LogLevel } from './log-level';
import { toLoggableFields } from './loggable-value';
import type { LogFields, Logger } from './logger';
import { redactSecrets } from './secret-registry';

/** One recorded log call, redacted exactly like the default logger would print it. */
export interface MemoryLogEntry {
  level: LogLevel;
  message: string;
  fields: Readonly<Record<string, unknown>>;
}

export interface MemoryLogger extends Logger {
  /** Every call so far, in order, at every level (including `debug`). */
  readonly entries: readonly MemoryLogEntry[];
  /** The entries rendered as human lines (`[Info] …`), as `createLogger()` would print them. */
  lines(): string[];
  /** Forgets every entry. */
  clear(): void;
}

/** A logger that keeps what it is told in memory: the way tests across the repo assert on log output. */
export function createMemoryLogger(): MemoryLogger {
  const entries: MemoryLogEntry[] = [];
  const record = (level: LogLevel, message: string, fields?: LogFields): void => {
    entries.push({ level, message: redactSecrets(String(message)), fields: toLoggableFields(fields) });
  };
  return {
    entries,
    lines: () => entries.map((entry) => formatHumanLine({ ...entry, time: new Date(0) })),
    clear: () => {
      entries.length = 0;
    },
    debug: (message, fields) => record('debug', message, fields),
    info: (message, fields) => record('info', message, fields),
    warn: (message, fields) => record('warn', message, fields),
    error: (message, fields) => record('error', message, fields),
  };
}
