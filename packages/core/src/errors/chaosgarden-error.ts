import { redactSecrets } from '../logging/secret-registry';

const marker = Symbol.for('chaosgarden.error');

export interface ChaosgardenErrorOptions {
  /** The underlying error (an SDK error, a failed roll-back step), kept for diagnosis. */
  cause?: unknown;
  /** Whether trying the same call again may succeed (throttling, 5xx, connection resets). Default `false`. */
  isRetryable?: boolean;
}

/**
 * Base class of every error chaosgarden throws on purpose. `code` is stable across releases;
 * match on it (or on `isInstance`), never on the message.
 *
 * The message passes through `redactSecrets`, so a registered credential that slipped into it (inside
 * an SDK message, say) is written as `***`.
 */
export class ChaosgardenError extends Error {
  readonly [marker] = true;
  readonly code: string;
  readonly isRetryable: boolean;

  constructor(code: string, message: string, options: ChaosgardenErrorOptions = {}) {
    super(redactSecrets(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = options.isRetryable ?? false;
  }

  /** True for any chaosgarden error, also one thrown by a second installed copy of this package. */
  static isInstance(error: unknown): error is ChaosgardenError {
    return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[marker] === true;
  }
}

/**
 * Subclass check that survives duplicate package copies: `instanceof` fails across copies, the
 * marker and the stable code do not.
 */
export function isChaosgardenErrorWithCode(error: unknown, code: string): boolean {
  return ChaosgardenError.isInstance(error) && error.code === code;
}
