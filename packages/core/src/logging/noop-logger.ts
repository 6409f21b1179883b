import type { Logger } from './logger';

const ignore = (): void => {};

/** A logger that discards everything; for callers that want silence explicitly. */
export const noopLogger: Logger = Object.freeze({ debug: ignore, info: ignore, warn: ignore, error: ignore });
