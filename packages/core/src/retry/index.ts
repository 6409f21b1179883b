export { httpStatusOf } from './error-shape';
export { retryAfterMs } from './retry-after';
export { isNotImplementedError, isRetryableError } from './retryable-error';
export { sdkMaxAttempts, sdkMaxRetries } from './sdk-retries';
export type { WithRetriesOptions } from './with-retries';
export { withRetries } from './with-retries';
