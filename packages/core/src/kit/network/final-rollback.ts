import type { Logger } from '../../logging/logger';
import { startRollbackDeadline } from '../../tasks/rollback-deadline';
import type { ChangeRecorder } from '../recorded-change';
import type { AbandonedRollbackWords } from './abandoned-rollback-words';
import { assertRolledBack } from './assert-rolled-back';
import { emptyRollbackOutcome } from './empty-rollback-outcome';
import type { RollbackOutcome } from './rollback-outcome';
import { settlePendingChanges } from './settle-pending-changes';
import { throwAbandonedRollback } from './throw-abandoned-rollback';

export interface FinalRollbackOptions {
  recorder: ChangeRecorder;
  logger: Logger;
  /** Seconds the roll-back may retry (negative: no deadline). */
  timeoutSeconds: number;
  /** The caller's own way to give the roll-back up. */
  rollbackSignal: AbortSignal | undefined;
  /** What stopped the simulation, if anything: among the causes of a `RollbackIncompleteError`. */
  failure: unknown;
  /** Undoes this run's changes (and left-overs that appeared meanwhile); its calls use `signal`. */
  unblock: (signal: AbortSignal) => Promise<RollbackOutcome>;
  words: AbandonedRollbackWords;
}

/**
 * The roll-back in `finally`: runs only if this run changed something; its calls are retried until done,
 * `rollbackSignal` aborts, `timeoutSeconds` pass or a third process signal arrives (then
 * `throwAbandonedRollback` names what is left and how to finish). Once nothing is left, every pending
 * change of the run in the zone is marked undone (`settlePendingChanges`).
 *
 * @throws RollbackIncompleteError with `failure` among its causes.
 */
export async function finalRollback(options: FinalRollbackOptions): Promise<RollbackOutcome> {
  const { recorder } = options;
  if (!recorder.changed) {
    return emptyRollbackOutcome();
  }
  const deadline = startRollbackDeadline({
    timeoutSeconds: options.timeoutSeconds,
    signal: options.rollbackSignal,
  });
  const outcome = await options.unblock(deadline.signal).finally(deadline.dispose);
  if (outcome.leftovers.length > 0 && deadline.abandonment !== undefined) {
    await throwAbandonedRollback({
      recorder,
      logger: options.logger,
      abandonment: deadline.abandonment,
      outcome,
      failure: options.failure,
      words: options.words,
    });
  }
  assertRolledBack(outcome, recorder.zone, options.failure);
  await settlePendingChanges(recorder);
  return outcome;
}
