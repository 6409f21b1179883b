import type { PendingRun } from '../../ledger/pending-runs';
import type { Logger } from '../../logging/logger';
import { emptyReconcileReport, type MutableReconcileReport } from './empty-reconcile-report';
import type { ReconcilePlace as Place, ReconcileHooks } from './reconcile-types';
import { sortFoundByHolder } from './sort-found-by-holder';

/** What `reconcilePlace` needs besides the place. */
export interface ReconcilePlaceOptions<TPlace extends Place, TArtefact> {
  hooks: ReconcileHooks<TPlace, TArtefact>;
  provider: string;
  dryRun: boolean;
  logger: Logger;
}

/**
 * Reconciles one place: scans it, leaves alone what a running simulation holds, logs each left-over
 * it will undo, then either plans (dry run) or undoes and reads everything back.
 *
 * @returns the place's report (to merge into the whole); its `leftovers` are empty when the place is clean.
 */
export async function reconcilePlace<TPlace extends Place, TArtefact>(
  place: TPlace,
  options: ReconcilePlaceOptions<TPlace, TArtefact>,
): Promise<MutableReconcileReport> {
  const { hooks, dryRun, logger } = options;
  const session = await hooks.open(place);
  try {
    const report = emptyReconcileReport(options.provider, noRuns, dryRun);
    const { workable, leftAlone, overridden, warnings } = sortFoundByHolder(await session.scan(), dryRun);
    report.leftAlone.push(...leftAlone);
    report.overridden.push(...overridden);
    report.warnings.push(...warnings);
    for (const entry of workable) {
      report.found.push(entry.target);
      const runs = entry.runIds.length > 0 ? `, run ${entry.runIds.join(', ')}` : '';
      logger.info(`Found ${entry.text} (${place.label}; by ${entry.foundBy.join(' and ')}${runs}).`);
    }
    if (dryRun) {
      const plan = await session.plan(workable);
      report.wouldRestore.push(...plan.wouldRestore);
      report.wouldRemove.push(...plan.wouldRemove);
      report.warnings.push(...plan.warnings);
      report.leftovers.push(...plan.leftovers);
      return report;
    }
    const outcome = await session.undo(workable);
    report.restored.push(...outcome.restored);
    report.removed.push(...outcome.removed);
    report.warnings.push(...outcome.warnings);
    const verification = await session.verify({ undone: workable, outcome, leftAlone });
    report.verified.push(...verification.verified);
    report.leftovers.push(...outcome.leftovers, ...verification.leftovers);
    report.warnings.push(...verification.warnings);
    return report;
  } finally {
    await session.close();
  }
}

const noRuns: readonly PendingRun[] = [];
