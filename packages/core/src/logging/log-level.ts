import { InvalidArgumentError } from '../errors/invalid-argument-error';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'human' | 'json';

const severity: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

/** The `[Info]`-style prefixes of the Python tool's human output. */
export const humanLevelLabels: Readonly<Record<LogLevel, string>> = {
  debug: 'Debug',
  info: 'Info',
  warn: 'Warning',
  error: 'Error',
};

/** True when a line of `level` passes a logger whose threshold is `threshold`. */
export function isLevelEnabled(level: LogLevel, threshold: LogLevel): boolean {
  return severity[level] >= severity[threshold];
}

/**
 * Reads a level from configuration text. Case-insensitive; `warning` (the Python name) means `warn`.
 * An unknown value is an error naming `source` rather than a silent fallback.
 */
export function parseLogLevel(text: string, source: string): LogLevel {
  const value = text.trim().toLowerCase();
  if (value === 'warning') {
    return 'warn';
  }
  if (Object.hasOwn(severity, value)) {
    return value as LogLevel;
  }
  throw new InvalidArgumentError({
    argument: source,
    message: `${source} must be one of debug, info, warn, error (was '${text}').`,
  });
}

/** Reads a format from configuration text (case-insensitive); unknown values are an error naming `source`. */
export function parseLogFormat(text: string, source: string): LogFormat {
  const value = text.trim().toLowerCase();
  if (value === 'human' || value === 'json') {
    return value;
  }
  throw new InvalidArgumentError({
    argument: source,
    message: `${source} must be human or json (was '${text}').`,
  });
}
