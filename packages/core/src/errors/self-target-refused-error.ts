import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface SelfTargetRefusedErrorOptions {
  /** The machine (or pod) this process runs on, e.g. `instance i-0abc (subnet subnet-1)`. */
  self: string;
  /** What the simulation would do to it, e.g. `moved onto the blocking network ACL`. */
  effect: string;
  /** The option that overrides the guard. */
  override: string;
}

/**
 * The simulation would cut off or kill the machine it runs on: its roll-back could then never run.
 * Refused before any change.
 */
export class SelfTargetRefusedError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.selfTargetRefused;
  readonly self: string;

  constructor(options: SelfTargetRefusedErrorOptions) {
    super(
      SelfTargetRefusedError.code,
      `Refusing to start: this process runs on ${options.self}, which the simulation would have ${options.effect}; ` +
        `its roll-back could then not run. Nothing was changed. Run it from a machine outside the targets, ` +
        `narrow the filters, or set ${options.override} if something else will roll it back.`,
      { isRetryable: false },
    );
    this.self = options.self;
  }

  static override isInstance(error: unknown): error is SelfTargetRefusedError {
    return isChaosgardenErrorWithCode(error, SelfTargetRefusedError.code);
  }
}
