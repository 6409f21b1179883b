import { formatLogLine } from './format-log-line';
import type { LogFormat, LogLevel } from './log-level';
import { isLevelEnabled, parseLogFormat, parseLogLevel } from './log-level';
import { toLoggableFields } from './loggable-value';
import type { LogFields, Logger } from './logger';
import { redactSecrets } from './secret-registry';

export interface CreateLoggerOptions {
  /**
   * `human` prints the Python tool's lines (`[Info] …`); `json` prints one JSON object per line.
   * Default: env `CHAOSGARDEN_LOG_FORMAT` if set, else `human`.
   */
  format?: LogFormat;
  /**
   * Lines below this level are dropped. Default: env `CHAOSGARDEN_LOG_LEVEL` if set (`warning` is
   * accepted for `warn`), else `info`.
   */
  level?: LogLevel;
  /** Receives each finished line, without the trailing newline. Default: writes the line to `process.stderr`. */
  write?: (line: string) => void;
  /** Source of the `time` in JSON lines. Default `() => new Date()`. */
  clock?: () => Date;
  /** Where the two environment variables are read. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * The default chaosgarden logger. Every message and every string inside the fields is passed through
 * `redactSecrets`; fields whose key looks secret (`password`, `token`, `secretAccessKey`, …) are masked.
 *
 * @throws InvalidArgumentError when `CHAOSGARDEN_LOG_FORMAT` or `CHAOSGARDEN_LOG_LEVEL` has an unknown value.
 */
export function createLogger(options: CreateLoggerOptions = {}): Logger {
  const env = options.env ?? process.env;
  const format = options.format ?? fromEnv(env, 'CHAOSGARDEN_LOG_FORMAT', parseLogFormat) ?? 'human';
  const threshold = options.level ?? fromEnv(env, 'CHAOSGARDEN_LOG_LEVEL', parseLogLevel) ?? 'info';
  const write = options.write ?? writeToStderr;
  const clock = options.clock ?? (() => new Date());

  const log = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (!isLevelEnabled(level, threshold)) {
      return;
    }
    const record = {
      level,
      message: redactSecrets(String(message)),
      fields: toLoggableFields(fields),
      time: clock(),
    };
    write(formatLogLine(format, record));
  };

  return {
    debug: (message, fields) => log('debug', message, fields),
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

function fromEnv<T>(
  env: Readonly<Record<string, string | undefined>>,
  name: string,
  parse: (text: string, source: string) => T,
): T | undefined {
  const text = env[name];
  return text === undefined || text.trim() === '' ? undefined : parse(text, name);
}

// The one place library code touches a process stream: the logger's default sink.
function writeToStderr(line: string): void {
  process.stderr.write(`${line}\n`);
}
