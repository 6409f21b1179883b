import type { Logger, ReconcileReport } from '@chaosgarden/core';

/** What `reconcileClusterHealthProbe` of @chaosgarden/k8s reports. */
export interface ProbeReconcileReport {
  cluster: string;
  dryRun?: boolean;
  found?: readonly { kind: string; name: string; namespace?: string }[];
  wouldRemove?: readonly string[];
  holder?: string;
  removed: readonly string[];
  verified: readonly string[];
  leftovers: readonly string[];
}

export type RollbackReport = ReconcileReport | (ProbeReconcileReport & { provider: 'k8s' });

/**
 * The last human line of `chaosgarden rollback`: what was left behind, or, in a dry run, how many
 * things each provider would restore and remove (each one was logged by the plugin before).
 *
 * @returns the number of left-overs over all reports.
 */
export function summarizeRollback(
  reports: readonly RollbackReport[],
  dryRun: boolean,
  logger: Logger,
): number {
  const leftovers = reports.reduce((sum, report) => sum + report.leftovers.length, 0);
  if (dryRun) {
    const parts = reports.flatMap(describePlan);
    logger.info(
      parts.length === 0
        ? 'Dry run: nothing to restore or remove; nothing was changed.'
        : `Dry run: would ${parts.join('; ')}; nothing was changed.`,
    );
    if (leftovers > 0) logger.warn(`${leftovers} left-over(s) would remain; see above.`);
    return leftovers;
  }
  logger.info(
    leftovers === 0 ? 'Nothing left behind.' : `${leftovers} left-over(s) could not be restored; see above.`,
  );
  return leftovers;
}

function describePlan(report: RollbackReport): string[] {
  if ('cluster' in report) {
    const count = report.wouldRemove?.length ?? 0;
    return count === 0 ? [] : [`remove ${count} health probe resource(s) from ${report.cluster} (k8s)`];
  }
  const restore = report.wouldRestore ?? [];
  const remove = report.wouldRemove ?? [];
  const overridden = report.overridden?.length ?? 0;
  const alone = report.leftAlone?.length ?? 0;
  const steps = [
    ...(restore.length > 0 ? [`restore ${countByKind(restore)}`] : []),
    ...(remove.length > 0 ? [`remove ${countByKind(remove)}`] : []),
  ];
  const notes = [
    ...(overridden > 0 ? [`overriding ${overridden} holder(s) named above`] : []),
    ...(alone > 0 ? [`leaving ${alone} of running simulations alone`] : []),
  ];
  if (steps.length === 0 && notes.length === 0) return [];
  const what = steps.length === 0 ? 'change nothing' : steps.join(' and ');
  return [`${what} (${report.provider}${notes.length === 0 ? '' : `; ${notes.join(', ')}`})`];
}

/** `5 subnet(s), 1 instance(s)`, in the order the kinds first appear. */
function countByKind(targets: readonly { kind: string }[]): string {
  const counts = new Map<string, number>();
  for (const target of targets) counts.set(target.kind, (counts.get(target.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${kind}(s)`).join(', ');
}
