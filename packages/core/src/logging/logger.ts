/** Structured context attached to a log line; values are redacted like the message. */
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * The only way chaosgarden code writes anything. Inject your own (pino, winston, a test recorder)
 * or use `createLogger()`; plugins never call `console`.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}
