import type { Logger } from '../../logging/logger';
import { startRollbackDeadline } from '../../tasks/rollback-deadline';
import { describeError } from '../describe-error';
import type { BlockReadBack } from './block-read-back';
import { reportReadBack } from './report-read-back';

export interface ReadBackAfterStopOptions<R extends BlockReadBack> {
  /** Reads what is cut off now; its calls use `signal`. */
  readBack: (signal: AbortSignal) => Promise<R>;
  /** What is cut off, plural: `subnets`. */
  kind: string;
  logger: Logger;
  warnings: string[];
  timeoutSeconds: number;
  rollbackSignal: AbortSignal | undefined;
}

/**
 * The read-back after a stop that cut the set-up short, so that `blocked` says what the roll-back will find.
 * A failed read-back is logged, not thrown (the roll-back comes next either way). It is part of the
 * shutdown, so it is bound like the roll-back: by `timeoutSeconds`, a third signal, or `rollbackSignal`
 * (a cloud that hangs must not hold the stop up). Call it only when the run changed something.
 */
export async function readBackAfterStop<R extends BlockReadBack>(
  options: ReadBackAfterStopOptions<R>,
): Promise<R | undefined> {
  const deadline = startRollbackDeadline({
    timeoutSeconds: options.timeoutSeconds,
    signal: options.rollbackSignal,
  });
  try {
    return reportReadBack(await options.readBack(deadline.signal), options.logger, options.warnings);
  } catch (error) {
    const warning = `Could not read the blocked ${options.kind} back after the stop: ${describeError(error)}; blocked lists the moves that reported success.`;
    options.logger.warn(warning);
    options.warnings.push(warning);
    return undefined;
  } finally {
    deadline.dispose();
  }
}
