export type { CreateLoggerOptions } from './create-logger';
export { createLogger } from './create-logger';
export type { LogFormat, LogLevel } from './log-level';
export { isSecretKey } from './loggable-value';
export type { LogFields, Logger } from './logger';
export type { MemoryLogEntry, MemoryLogger } from './memory-logger';
export { createMemoryLogger } from './memory-logger';
export { noopLogger } from './noop-logger';
export { redactSecrets, registerSecret, registerSecrets } from './secret-registry';
