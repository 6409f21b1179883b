import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface RollbackIncompleteErrorOptions {
  /** Every artefact still in the blocked state or not deleted (ids, names or tag keys). */
  leftovers: readonly string[];
  /** The zone that was being rolled back. Default: not shown. */
  zone?: string;
  /** The failures, usually an `AggregateError` of the individual step errors. */
  cause?: unknown;
}

/**
 * A roll-back ran but could not restore everything. The zone may still be partly cut off: the message
 * names what is left so an operator can finish by hand.
 */
export class RollbackIncompleteError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.rollbackIncomplete;
  readonly leftovers: readonly string[];
  readonly zone: string | undefined;

  constructor(options: RollbackIncompleteErrorOptions) {
    const where = options.zone === undefined ? '' : ` in zone ${options.zone}`;
    super(
      RollbackIncompleteError.code,
      `Roll-back incomplete${where}: ${options.leftovers.length} artefact(s) left behind: ` +
        `${options.leftovers.join(', ')}. Run the roll-back again with the same zone and filters, ` +
        'or restore/remove these by hand.',
      { cause: options.cause, isRetryable: true },
    );
    this.leftovers = Object.freeze([...options.leftovers]);
    this.zone = options.zone;
  }

  static override isInstance(error: unknown): error is RollbackIncompleteError {
    return isChaosgardenErrorWithCode(error, RollbackIncompleteError.code);
  }
}
