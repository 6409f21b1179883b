import { dirname } from 'node:path';
import { RollbackIncompleteError } from '../../errors/rollback-incomplete-error';
import { pendingChanges } from '../../ledger/pending-changes';
import { resolveStateDirectory } from '../../ledger/state-directory';
import type { Logger } from '../../logging/logger';
import { rollbackCommandLine } from '../../tasks/rollback-command-line';
import { describeRollbackAbandonment, type RollbackAbandonment } from '../../tasks/rollback-deadline';
import type { ChangeRecorder } from '../recorded-change';
import type { AbandonedRollbackWords } from './abandoned-rollback-words';
import type { RollbackOutcome } from './rollback-outcome';

export interface AbandonedRollbackOptions {
  recorder: Pick<ChangeRecorder, 'provider' | 'zone' | 'ledger'>;
  logger: Logger;
  abandonment: RollbackAbandonment;
  outcome: RollbackOutcome;
  /** What stopped the simulation, if anything: the first cause. */
  failure: unknown;
  words: AbandonedRollbackWords;
}

/**
 * The final roll-back gave up (its deadline, a third signal, `rollbackSignal`) with something left: logs
 * each target this run still changes, read from its roll-back ledger (no cloud call: the cloud is what does
 * not answer), leaves those changes pending there, and throws a `RollbackIncompleteError` that names them
 * and gives the `chaosgarden rollback …` command that finishes the job.
 */
export async function throwAbandonedRollback(options: AbandonedRollbackOptions): Promise<never> {
  const { recorder, logger, outcome, failure, words } = options;
  const pending = pendingChanges(await recorder.ledger.entries()).filter(
    (change) => change.intent.provider === recorder.provider && change.intent.zone === recorder.zone,
  );
  const stillChanged = pending.flatMap(words.describeChange);
  const why = describeRollbackAbandonment(options.abandonment);
  const command = finishingCommand(recorder, words);
  logger.error(
    `Roll-back of zone ${recorder.zone} abandoned (${why}): ${stillChanged.length} change(s) of this run are still in place.`,
  );
  for (const { target, line } of stillChanged) {
    logger.error(`${target ? 'Still blocked' : 'Still in place'}: ${line}`);
  }
  // On a line of its own, ending with the command, so that it can be copied as it is.
  logger.error(`To finish the roll-back, run: ${command}`);
  const leftovers = [...new Set([...stillChanged.map(({ line }) => line), ...outcome.leftovers])];
  const causes = [...(failure === undefined ? [] : [failure]), ...outcome.errors];
  throw new RollbackIncompleteError({
    leftovers,
    zone: recorder.zone,
    abandoned: why,
    rollbackCommand: command,
    cause: new AggregateError(causes, `${causes.length} step(s) failed or were given up`),
  });
}

/** `chaosgarden rollback` for this run's zone, filters and non-secret settings, as a shell line. */
function finishingCommand(
  recorder: AbandonedRollbackOptions['recorder'],
  words: AbandonedRollbackWords,
): string {
  const ledgerPath = (recorder.ledger as { path?: unknown }).path;
  const directory = typeof ledgerPath === 'string' ? dirname(dirname(ledgerPath)) : undefined;
  return rollbackCommandLine({
    provider: recorder.provider,
    zone: recorder.zone,
    runId: recorder.ledger.runId,
    filters: words.filters,
    configuration: words.configuration,
    stateDirectory: directory === undefined || directory === resolveStateDirectory() ? undefined : directory,
  });
}
