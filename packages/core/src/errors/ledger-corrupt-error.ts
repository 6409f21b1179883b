import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface LedgerCorruptErrorOptions {
  /** The ledger file (or run) that could not be read. */
  source: string;
  /** 1-based line that is not valid JSON. */
  line: number;
  /** The parse error. */
  cause?: unknown;
}

/**
 * A roll-back ledger line other than the last one is unreadable. The last line may be cut short by a
 * crash and is skipped; damage anywhere else means the file was changed, and reconciling from it
 * could undo the wrong things.
 */
export class LedgerCorruptError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.ledgerCorrupt;
  readonly source: string;
  readonly line: number;

  constructor(options: LedgerCorruptErrorOptions) {
    super(
      LedgerCorruptError.code,
      `Line ${options.line} of the roll-back ledger ${options.source} is not valid JSON; the file was damaged. ` +
        'Inspect it by hand before reconciling.',
      { cause: options.cause },
    );
    this.source = options.source;
    this.line = options.line;
  }

  static override isInstance(error: unknown): error is LedgerCorruptError {
    return isChaosgardenErrorWithCode(error, LedgerCorruptError.code);
  }
}
