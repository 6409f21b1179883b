import { ChaosgardenError, CloudApiError, isRetryableError } from '@chaosgarden/core';

/** The `Status` object the API server sends with an error answer (only the fields used here). */
interface KubeStatusBody {
  kind?: string;
  message?: string;
  reason?: string;
  code?: number;
}

export interface KubeApiErrorOptions {
  /** What was attempted, e.g. `delete pod default/web-1` or `watch pods`. */
  operation: string;
  /** HTTP status of the answer; absent for connection-level failures. */
  statusCode?: number | undefined;
  /** The `reason` of the API server's `Status` (`Forbidden`, `NotFound`, `Expired`, ...). */
  reason?: string | undefined;
  /** The underlying error: the server's message as an `Error`, or the socket error. */
  cause: unknown;
  /** `Retry-After` in milliseconds, when the server sent one (429, 503). */
  retryAfterMs?: number | undefined;
}

/**
 * A Kubernetes API call failed: an HTTP error answer (`statusCode` set) or a connection failure
 * (`statusCode` undefined, the socket error as `cause`). A `CloudApiError` with provider `kubernetes`
 * (`CloudApiError.isInstance` accepts it), so `isRetryableError` and `httpStatusOf` from core work on it;
 * its own code is `kube-api-error`.
 */
export class KubeApiError extends CloudApiError {
  static override readonly code = 'kube-api-error';
  readonly statusCode: number | undefined;
  readonly reason: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(options: KubeApiErrorOptions) {
    const status = options.statusCode;
    const isRetryable =
      status === undefined
        ? isRetryableError(options.cause)
        : status === 408 || status === 429 || status === 410 || status >= 500;
    super({
      operation: options.operation,
      cause: options.cause,
      isRetryable,
      provider: 'kubernetes',
      ...(hintFor(status) === undefined ? {} : { hint: hintFor(status) }),
    });
    this.statusCode = status;
    this.reason = options.reason;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** True for a `KubeApiError` only (not for other `CloudApiError`s), also from a second copy of this package. */
  static override isInstance(error: unknown): error is KubeApiError {
    return ChaosgardenError.isInstance(error) && error.code === KubeApiError.code;
  }
}

function hintFor(status: number | undefined): string | undefined {
  switch (status) {
    case 401:
      return 'The credentials of the kubeconfig were rejected; renew them (token, exec plugin login, certificate).';
    case 403:
      return 'The user lacks an RBAC permission; docs/k8s.md lists the ClusterRole the simulation needs.';
    default:
      return undefined;
  }
}

/** Builds the error for an HTTP answer >= 400 from its status and (JSON) body text. */
export function kubeApiErrorFromResponse(
  operation: string,
  statusCode: number,
  bodyText: string,
  retryAfterHeader?: string | undefined,
): KubeApiError {
  const status = parseStatus(bodyText);
  const message = status?.message ?? (bodyText.trim().slice(0, 300) || `HTTP ${statusCode}`);
  const cause = Object.assign(
    new Error(`${statusCode} ${status?.reason ?? ''}: ${message}`.replace(' :', ':')),
    {
      name: 'KubeStatus',
      statusCode,
    },
  );
  return new KubeApiError({
    operation,
    statusCode,
    reason: status?.reason,
    cause,
    retryAfterMs: parseRetryAfterSeconds(retryAfterHeader),
  });
}

/** Builds the error for a watch `ERROR` event, whose object is a `Status`. */
export function kubeApiErrorFromStatus(operation: string, status: unknown): KubeApiError {
  const body = (typeof status === 'object' && status !== null ? status : {}) as KubeStatusBody;
  const code = typeof body.code === 'number' ? body.code : 500;
  return kubeApiErrorFromResponse(operation, code, JSON.stringify(body));
}

/** True for "410 Gone" (resource version too old): the cache must list again. */
export function isGoneError(error: unknown): boolean {
  return KubeApiError.isInstance(error) && (error.statusCode === 410 || error.reason === 'Expired');
}

/** The HTTP status of a `KubeApiError`, else undefined. */
export function statusCodeOf(error: unknown): number | undefined {
  return KubeApiError.isInstance(error) ? error.statusCode : undefined;
}

function parseStatus(text: string): KubeStatusBody | undefined {
  try {
    const parsed = JSON.parse(text) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as KubeStatusBody) : undefined;
  } catch {
    return undefined;
  }
}

function parseRetryAfterSeconds(header: string | undefined): number | undefined {
  if (header === undefined || !/^\d+$/.test(header.trim())) {
    return undefined;
  }
  return Number(header.trim()) * 1000;
}
