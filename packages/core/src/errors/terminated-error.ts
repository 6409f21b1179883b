import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface TerminatedErrorOptions {
  /** What was stopped, e.g. `runNetworkFailureSimulation` or a background task name. Default `the action`. */
  who?: string;
  /** The abort reason, when it was an error. */
  cause?: unknown;
}

/**
 * Work was stopped because termination was requested (a signal, `terminate()` or an aborted
 * `AbortSignal`) before it completed. Not a failure of the cloud: nothing needs fixing.
 */
export class TerminatedError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.terminated;
  readonly who: string;

  constructor(options: TerminatedErrorOptions = {}) {
    const who = options.who ?? 'the action';
    super(
      TerminatedError.code,
      `Termination requested for ${who}; it stopped before completing. This is expected after a signal ` +
        'or an abort; run it again to complete it.',
      { cause: options.cause },
    );
    this.who = who;
  }

  static override isInstance(error: unknown): error is TerminatedError {
    return isChaosgardenErrorWithCode(error, TerminatedError.code);
  }
}
