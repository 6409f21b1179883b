import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface PartialSimulationErrorOptions {
  /** The zone the simulation was asked to cut off. */
  zone: string;
  /** What was counted, plural, in the provider's words: `subnets`, `NICs`, ... */
  kind: string;
  /** How many targets were planned. */
  planned: number;
  /** Each planned target the read-back did not find blocked, with why: `subnet-1 (on acl-2)`. */
  missed: readonly string[];
  /** The failures of the missed targets' calls, usually an `AggregateError`. Default: none. */
  cause?: unknown;
}

/**
 * A simulation blocked fewer targets than it planned (read back from the cloud after blocking), and the
 * caller did not accept a partial one. Thrown after the roll-back: nothing is left cut off.
 */
export class PartialSimulationError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.partialSimulation;
  readonly zone: string;
  readonly planned: number;
  readonly missed: readonly string[];

  constructor(options: PartialSimulationErrorOptions) {
    super(
      PartialSimulationError.code,
      `Partial simulation in zone ${options.zone}: ${options.missed.length} of ${options.planned} planned ` +
        `${options.kind} were not blocked: ${options.missed.join(', ')}. The simulation was rolled back. ` +
        'Fix what kept them from being blocked, or pass allowPartial: true (CLI --allow-partial) to accept ' +
        'a partial simulation.',
      { cause: options.cause, isRetryable: false },
    );
    this.zone = options.zone;
    this.planned = options.planned;
    this.missed = Object.freeze([...options.missed]);
  }

  static override isInstance(error: unknown): error is PartialSimulationError {
    return isChaosgardenErrorWithCode(error, PartialSimulationError.code);
  }
}
