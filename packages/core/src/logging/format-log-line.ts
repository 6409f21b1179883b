import { humanLevelLabels, type LogFormat, type LogLevel } from './log-level';
import { redactSecrets } from './secret-registry';

/** One log call after redaction: what every output format renders. */
export interface LogRecord {
  level: LogLevel;
  /** Already redacted. */
  message: string;
  /** Already redacted and converted to plain JSON data (see `toLoggableFields`). */
  fields: Readonly<Record<string, unknown>>;
  time: Date;
}

// Strings that need no quotes to be read back unambiguously in `key=value` form.
const bareValue = /^[^\s"'=\\]+$/;

// Fields may not overwrite the three keys every JSON line starts with.
const reservedJsonKeys = new Set(['time', 'level', 'message']);

/**
 * `[Info] Launching background thread x. zone=eu-west-1a count=3`: the Python tool's prefix, then the
 * fields as `key=value` (strings quoted only when they contain spaces, quotes or `=`).
 */
export function formatHumanLine(record: LogRecord): string {
  let line = `[${humanLevelLabels[record.level]}] ${record.message}`;
  for (const [key, value] of Object.entries(record.fields)) {
    line += ` ${key}=${formatHumanValue(value)}`;
  }
  // Second pass over the finished line: cheap, and catches a secret split across message and fields.
  return redactSecrets(line);
}

function formatHumanValue(value: unknown): string {
  if (typeof value === 'string') {
    return bareValue.test(value) ? value : JSON.stringify(value);
  }
  if (value === null || typeof value !== 'object') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** `{"time":"…","level":"info","message":"…",…fields}`, one JSON document per line. */
export function formatJsonLine(record: LogRecord): string {
  const document: Record<string, unknown> = {
    time: record.time.toISOString(),
    level: record.level,
    message: record.message,
  };
  for (const [key, value] of Object.entries(record.fields)) {
    document[reservedJsonKeys.has(key) ? `field.${key}` : key] = value;
  }
  return JSON.stringify(document);
}

export function formatLogLine(format: LogFormat, record: LogRecord): string {
  return format === 'json' ? formatJsonLine(record) : formatHumanLine(record);
}
