import { ChaosgardenError, isChaosgardenErrorWithCode } from './chaosgarden-error';
import { chaosgardenErrorCodes } from './error-codes';

export interface SimulationLockedErrorOptions {
  /** What is held, e.g. `network failure simulation of zone us-east-1a (subnets filter 3f2a…)`. */
  lock: string;
  /** Who holds it, e.g. `run 20261127T…-3f9a1c2b (pid 4242 on host ci-7, since 2026-11-27T19:00:00Z)`. */
  holder: string;
  /** Where the lock was seen: `on this machine` or `in the cloud (tag …)`. */
  seen: string;
  /** What the user can do, e.g. the roll-back command for a left-over. Default: wait or roll back. */
  hint?: string;
}

/**
 * Another simulation of the same kind already runs on the same zone and filters. Two at once would
 * take each other's artefacts for their own and one roll-back would undo the other's partition.
 */
export class SimulationLockedError extends ChaosgardenError {
  static readonly code = chaosgardenErrorCodes.simulationLocked;
  readonly lock: string;
  readonly holder: string;

  constructor(options: SimulationLockedErrorOptions) {
    super(
      SimulationLockedError.code,
      `Refusing to start the ${options.lock}: it is already held ${options.seen} by ${options.holder}. Nothing was changed. ` +
        (options.hint ??
          'Wait for that run to end; if it died, `chaosgarden rollback` with the same zone and filters removes what it left.'),
      { isRetryable: false },
    );
    this.lock = options.lock;
    this.holder = options.holder;
  }

  static override isInstance(error: unknown): error is SimulationLockedError {
    return isChaosgardenErrorWithCode(error, SimulationLockedError.code);
  }
}
