import type { Logger } from '../../logging/logger';
import type { ReconcileReport } from '../../provider/v1/results';
import type { ReconcileNouns } from './reconcile-types';

/**
 * Logs the report's warnings, what was verified and what is left, then one summary line:
 * `Reconcile: 2 blocking network ACL(s) found, 5 subnet(s) restored, 2 ACL(s) removed, 0 left-over(s).`
 * (a dry run says what it would do, and that nothing was changed).
 */
export function summarizeReconcileReport(
  report: ReconcileReport,
  nouns: ReconcileNouns,
  logger: Logger,
): void {
  for (const warning of report.warnings) logger.warn(warning);
  for (const line of report.verified) logger.info(`Verified: ${line}`);
  const failed = report.dryRun ? 'Would not be able to restore' : 'Could not restore';
  for (const leftover of report.leftovers) logger.error(`${failed}: ${leftover}`);
  const leftAlone = report.leftAlone?.length ?? 0;
  if (report.dryRun) {
    logger.info(
      `Reconcile (dry run): ${report.found.length} ${nouns.found}(s) found; would restore ${report.wouldRestore?.length ?? 0} ${nouns.restored}(s) ` +
        `and delete ${report.wouldRemove?.length ?? 0} ${nouns.removed}(s)${leftAlone > 0 ? `; ${leftAlone} left alone` : ''}. Nothing was changed.`,
    );
    return;
  }
  logger.info(
    `Reconcile: ${report.found.length} ${nouns.found}(s) found, ${report.restored.length} ${nouns.restored}(s) restored, ` +
      `${report.removed.length} ${nouns.removed}(s) removed, ${report.leftovers.length} left-over(s).`,
  );
}
