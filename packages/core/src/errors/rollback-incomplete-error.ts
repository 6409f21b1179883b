import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface RollbackIncompleteErrorOptions {
  /** Every artefact still in the blocked state or not deleted (ids, names or tag keys). */
  leftovers: readonly string[];
  /** The zone that was being rolled back. Default: not shown. */
  zone?: string;
  /** The failures, usually an `AggregateError` of the individual step errors. */
  cause?: unknown;
  /** Why the roll-back stopped early, e.g. `the roll-back deadline (600 s) passed`. Default: it did not. */
  abandoned?: string;
  /** The `chaosgarden rollback …` command line that finishes the job. Default: none known. */
  rollbackCommand?: string;
}

/**
 * A roll-back ran but could not restore everything. The zone may still be partly cut off: the message
 * names what is left so an operator can finish by hand.
 */
export class RollbackIncompleteError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.rollbackIncomplete;
  readonly leftovers: readonly string[];
  readonly zone: string | undefined;
  /** Why the roll-back stopped early; `undefined` when it ran to its end. */
  readonly abandoned: string | undefined;
  /** The command line that finishes the roll-back, when known. */
  readonly rollbackCommand: string | undefined;

  constructor(options: RollbackIncompleteErrorOptions) {
    const where = options.zone === undefined ? '' : ` in zone ${options.zone}`;
    const why = options.abandoned === undefined ? '' : ` (abandoned: ${options.abandoned})`;
    const next =
      options.rollbackCommand === undefined
        ? 'Run the roll-back again with the same zone and filters, or restore/remove these by hand.'
        : `They stay pending in the roll-back ledger; finish the roll-back with: ${options.rollbackCommand}`;
    super(
      RollbackIncompleteError.code,
      `Roll-back incomplete${where}${why}: ${options.leftovers.length} artefact(s) left behind: ` +
        `${options.leftovers.join(', ')}. ${next}`,
      { cause: options.cause, isRetryable: true },
    );
    this.leftovers = Object.freeze([...options.leftovers]);
    this.zone = options.zone;
    this.abandoned = options.abandoned;
    this.rollbackCommand = options.rollbackCommand;
  }

  static override isInstance(error: unknown): error is RollbackIncompleteError {
    return isChaosgardenErrorWithCode(error, RollbackIncompleteError.code);
  }
}
