import type { PendingRun } from '../../ledger/pending-runs';
import { markReconciled } from '../../ledger/pending-runs';
import type { Logger } from '../../logging/logger';
import type { ReconcileHooks, ReconcilePlace } from './reconcile-types';

/** What `settleReconciledRuns` needs. */
export interface SettleReconciledRunsOptions<TPlace extends ReconcilePlace, TArtefact> {
  runs: readonly PendingRun[];
  /** Runs whose places were reconciled without left-overs. */
  handled: ReadonlySet<string>;
  hooks: Pick<ReconcileHooks<TPlace, TArtefact>, 'announcesArtefacts' | 'isIrreversible'>;
  logger: Logger;
  /** State directory of the ledgers. Default `resolveStateDirectory()`. */
  directory?: string | undefined;
}

/**
 * Marks each pending run settled (its pending changes undone) in its own ledger once nothing of it is
 * left: runs whose announced artefacts were reconciled without left-overs, and runs that announced
 * none. A change no reconcile can undo (`isIrreversible`, e.g. a termination) is named in a log line.
 */
export async function settleReconciledRuns<TPlace extends ReconcilePlace, TArtefact>(
  options: SettleReconciledRunsOptions<TPlace, TArtefact>,
): Promise<void> {
  const { hooks, logger, directory } = options;
  for (const run of options.runs) {
    if (hooks.announcesArtefacts(run) && !options.handled.has(run.runId)) continue;
    const irreversible = run.changes.filter((change) => hooks.isIrreversible?.(change) === true);
    if (irreversible.length > 0) {
      const actions = [...new Set(irreversible.map((change) => change.intent.action))].join(', ');
      logger.info(`Run ${run.runId} (zone ${run.zone}): ${actions} cannot be undone; marked as settled.`);
    }
    await markReconciled(run, directory === undefined ? {} : { directory });
  }
}
