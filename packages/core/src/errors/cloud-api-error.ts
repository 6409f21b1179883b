import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface CloudApiErrorOptions {
  /** The API operation that failed, e.g. `CreateNetworkAcl` or `instances.setTags`. */
  operation: string;
  /** The SDK's error, kept unchanged as `cause`. Its message is quoted (redacted) in this message. */
  cause: unknown;
  /** Whether the same call may succeed later (throttling, 5xx, connection reset). Default `false`. */
  isRetryable?: boolean;
  /** Provider type, shown first in the message: `aws`, `azure`, ... Default: not shown. */
  provider?: string;
  /** What the caller can do about it (missing permission, quota, ...), appended to the message. */
  hint?: string;
}

/** A cloud or cluster API call failed. Plugins map their SDK errors to this, keeping the original as `cause`. */
export class CloudApiError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.cloudApiError;
  readonly operation: string;
  readonly provider: string | undefined;

  constructor(options: CloudApiErrorOptions) {
    const isRetryable = options.isRetryable ?? false;
    const prefix = options.provider === undefined ? '' : `${options.provider} `;
    const advice = options.hint ?? (isRetryable ? 'The error looks transient; retrying may succeed.' : '');
    super(
      CloudApiError.code,
      `${prefix}${options.operation} failed: ${describeCause(options.cause)}.${advice === '' ? '' : ` ${advice}`}`,
      { cause: options.cause, isRetryable },
    );
    this.operation = options.operation;
    this.provider = options.provider;
  }

  static override isInstance(error: unknown): error is CloudApiError {
    return isChaosgardenErrorWithCode(error, CloudApiError.code);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const text = cause.message.replace(/\.$/, '');
    return text === '' ? cause.name : `${cause.name}: ${text}`;
  }
  return String(cause);
}
