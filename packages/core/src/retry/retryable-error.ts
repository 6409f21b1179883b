import { ChaosgardenError } from '../errors/chaosgarden-error';
import { asBag, causeOf, errorCodesOf, errorTextOf, httpStatusOf } from './error-shape';

/** Error codes clouds use for rate limiting and transient server trouble (AWS, Azure, Alibaba, GCP). */
const transientCodes = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestLimitExceeded',
  'EC2ThrottledException',
  'TooManyRequestsException',
  'TooManyRequests',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'PriorLimitExceeded',
  'BandwidthLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'InternalFailure',
  'ServiceUnavailable',
  'ServerBusy',
  'rateLimitExceeded',
  'userRateLimitExceeded',
  'TimeoutError',
]);

/** Socket-level failures (Node, undici) after which the same request may well succeed. */
const networkCodes = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

/** gRPC DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and UNAVAILABLE, as Google's clients report them in `code`. */
const transientGrpcCodes = new Set([4, 8, 14]);

/**
 * moto answers an unimplemented feature or filter with HTTP 500 (or a `…NotImplemented…` code):
 * retrying cannot help, and retrying five times would only hide the real problem.
 */
const notImplementedPattern =
  /NotImplemented|NotYetImplemented|has not been implemented|not (?:yet )?implemented/i;

/** How deep to follow `cause` (fetch wraps the socket error in a `TypeError('fetch failed')`). */
const maximumCauseDepth = 4;

/**
 * The project's one answer to "may the same call succeed if tried again?". A `ChaosgardenError`
 * decides by its `isRetryable`; otherwise throttling codes, network errors, HTTP 408/429/5xx and
 * gRPC UNAVAILABLE-like codes are retryable; "not implemented" answers, HTTP 501 and other 4xx are not.
 */
export function isRetryableError(error: unknown): boolean {
  return classify(error, 0) ?? false;
}

/** True for moto's (and any server's) "this is not implemented" answers. */
export function isNotImplementedError(error: unknown): boolean {
  return httpStatusOf(error) === 501 || notImplementedPattern.test(errorTextOf(error));
}

function classify(error: unknown, depth: number): boolean | undefined {
  if (depth > maximumCauseDepth || asBag(error) === undefined) {
    return undefined;
  }
  if (ChaosgardenError.isInstance(error)) {
    return error.isRetryable;
  }
  if (isNotImplementedError(error)) {
    return false;
  }
  const codes = errorCodesOf(error);
  // Checked before the status: AWS sends several throttling codes with HTTP 400.
  if (
    codes.some((code) => transientCodes.has(code) || code.startsWith('Throttling.') || networkCodes.has(code))
  ) {
    return true;
  }
  // AWS SDK v3 marks errors its own retry strategy would retry (throttling, transient).
  if (asBag(error)?.$retryable !== undefined) {
    return true;
  }
  const status = httpStatusOf(error);
  if (status !== undefined) {
    return status === 408 || status === 429 || status >= 500;
  }
  const code = asBag(error)?.code;
  if (typeof code === 'number' && transientGrpcCodes.has(code)) {
    return true;
  }
  return classify(causeOf(error), depth + 1);
}
