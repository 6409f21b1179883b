import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

// Set on every instance, also of a subclass with a code of its own (KubeApiError), so that `isInstance`
// accepts subclasses the way `instanceof` does, across copies of this package.
const marker = Symbol.for('chaosgarden.error.cloud-api-error');

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
  // Typed `string`: a subclass (KubeApiError) declares a code of its own.
  static readonly code: string = chaosgardenErrorCodes.cloudApiError;
  readonly [marker] = true;
  readonly operation: string;
  readonly provider: string | undefined;

  constructor(options: CloudApiErrorOptions) {
    const isRetryable = options.isRetryable ?? false;
    const prefix = options.provider === undefined ? '' : `${options.provider} `;
    const advice = options.hint ?? (isRetryable ? 'The error looks transient; retrying may succeed.' : '');
    super(
      // The code of the class being built: a subclass's own code when it declares one.
      new.target.code,
      `${prefix}${options.operation} failed: ${describeCause(options.cause)}.${advice === '' ? '' : ` ${advice}`}`,
      { cause: options.cause, isRetryable },
    );
    this.operation = options.operation;
    this.provider = options.provider;
  }

  /** True for a `CloudApiError` or one of its subclasses, also from a second installed copy of core. */
  static override isInstance(error: unknown): error is CloudApiError {
    return (
      isChaosgardenErrorWithCode(error, CloudApiError.code) ||
      (ChaosgardenError.isInstance(error) && (error as unknown as Record<symbol, unknown>)[marker] === true)
    );
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof Error) {
    const text = cause.message.replace(/\.$/, '');
    return text === '' ? cause.name : `${cause.name}: ${text}`;
  }
  return String(cause);
}
