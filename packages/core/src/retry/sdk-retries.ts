/**
 * How many attempts an SDK client may make on its own: one, i.e. no SDK-internal retries. AWS:
 * `new EC2Client({ maxAttempts: sdkMaxAttempts })`. All retrying happens in `withRetries`, so every
 * retry is logged, honours the simulation's signal and follows one policy across clouds. It also
 * keeps moto's "not implemented" 500s from being retried inside the SDK.
 */
export const sdkMaxAttempts = 1;

/**
 * The same for SDKs that count retries rather than attempts: Azure `retryOptions: { maxRetries }`,
 * Google `retry: null` / `maxRetries`, the Kubernetes client.
 */
export const sdkMaxRetries = 0;
