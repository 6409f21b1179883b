import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface TooManyTargetsErrorOptions {
  /** How many targets matched. */
  found: number;
  /** The `maxTargets` the caller set. */
  limit: number;
  /** What was counted, plural, in the provider's words: `instances`, `subnets`, `pods`, ... */
  kind: string;
  /** The zone, when the count is per zone. */
  zone?: string;
}

/** More targets matched than `maxTargets` allows; nothing was touched. */
export class TooManyTargetsError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.tooManyTargets;
  readonly found: number;
  readonly limit: number;
  readonly kind: string;
  readonly zone: string | undefined;

  constructor(options: TooManyTargetsErrorOptions) {
    const where = options.zone === undefined ? '' : ` in zone ${options.zone}`;
    super(
      TooManyTargetsError.code,
      `Found ${options.found} ${options.kind}${where}, more than maxTargets (${options.limit}); nothing was ` +
        'changed. Narrow the filters, or raise maxTargets if that many is intended.',
    );
    this.found = options.found;
    this.limit = options.limit;
    this.kind = options.kind;
    this.zone = options.zone;
  }

  static override isInstance(error: unknown): error is TooManyTargetsError {
    return isChaosgardenErrorWithCode(error, TooManyTargetsError.code);
  }
}
