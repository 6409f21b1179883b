import { findPendingRuns } from '../../ledger/pending-runs';
import type { Logger } from '../../logging/logger';
import type { ReconcileReport } from '../../provider/v1/results';
import { runSimulation } from '../../tasks/run-simulation';
import { emptyReconcileReport } from './empty-reconcile-report';
import { mergeReconcileReport } from './merge-reconcile-report';
import { reconcilePlace } from './reconcile-place';
import type { ReconcileHooks, ReconcileNouns, ReconcilePlace } from './reconcile-types';
import { settleReconciledRuns } from './settle-reconciled-runs';
import { summarizeReconcileReport } from './summarize-reconcile-report';

/** Options of `reconcileFromLedgers`: the plugin's validated reconcile options, and its hooks. */
export interface ReconcileFromLedgersOptions<TPlace extends ReconcilePlace, TArtefact> {
  /** The plugin's provider id: only its ledger entries are read, and the report names it. */
  provider: string;
  hooks: ReconcileHooks<TPlace, TArtefact>;
  nouns: ReconcileNouns;
  /** Only this zone's pending changes. */
  zone?: string | undefined;
  /** Only this run's. */
  runId?: string | undefined;
  /** Where the ledgers are. Default `resolveStateDirectory()`. */
  stateDirectory?: string | undefined;
  /** Change nothing (no undo, no ledger update): the report lists what would be done. */
  dryRun?: boolean | undefined;
  /**
   * The caller's signal. The plugin's calls are to honour it (give up retrying; what is left is
   * reported); a process signal does not cut the reconcile short: the process waits for it.
   */
  signal?: AbortSignal | undefined;
  logger: Logger;
  /** The task's name in log lines. Default `reconcile`. */
  name?: string | undefined;
}

/**
 * The ledger-driven reconcile every plugin shares: reads the pending changes of the provider's earlier
 * runs (narrowed by zone and run), lets the plugin say where to look, and in each place scans for
 * left-overs (by ledger and ownership mark), leaves alone what a running simulation on this machine
 * holds, undoes the rest and reads it back (or, with `dryRun`, only plans). Runs found clean are then
 * marked settled in their ledgers. Unreadable ledgers become warnings, not failures.
 *
 * @returns the report; `leftovers` names what could not be restored (empty on success).
 */
export function reconcileFromLedgers<TPlace extends ReconcilePlace, TArtefact>(
  options: ReconcileFromLedgersOptions<TPlace, TArtefact>,
): Promise<ReconcileReport> {
  const { provider, hooks, logger } = options;
  const directory = options.stateDirectory;
  return runSimulation({ name: options.name ?? 'reconcile', signal: options.signal, logger }, async () => {
    const pending = await findPendingRuns({
      provider,
      ...(directory === undefined ? {} : { directory }),
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      ...(options.zone === undefined ? {} : { zone: options.zone }),
    });
    const dryRun = options.dryRun === true;
    const report = emptyReconcileReport(provider, pending.runs, dryRun);
    report.warnings.push(...pending.unreadable.map((problem) => `Unreadable ledger skipped: ${problem}`));
    const places = hooks.places(pending.runs);
    if (places.length === 0) {
      logger.info(
        `Nothing pending in the roll-back ledgers, and no ${options.nouns.place} given to search the cloud in.`,
      );
    }
    const handled = new Set<string>();
    for (const place of places) {
      const result = await reconcilePlace(place, { hooks, provider, dryRun, logger });
      mergeReconcileReport(report, result);
      if (result.leftovers.length === 0) {
        for (const runId of place.runIds) handled.add(runId);
      }
    }
    if (!dryRun) {
      await settleReconciledRuns({ runs: pending.runs, handled, hooks, logger, directory });
    }
    summarizeReconcileReport(report, options.nouns, logger);
    return report;
  });
}
