import type { Logger, PendingRun, ReconcileReport, Target } from '@chaosgarden/core';
import { describeAclHolder, holderOf } from './artefacts';
import type { FoundAcl } from './reconcile-scan';

/** The AWS reconcile report while it is being filled: every list present and writable. */
export type MutableReport = {
  -readonly [K in keyof ReconcileReport]-?: Required<ReconcileReport>[K] extends readonly (infer T)[]
    ? T[]
    : Required<ReconcileReport>[K];
};

export function emptyReport(runs: readonly PendingRun[], dryRun: boolean): MutableReport {
  return {
    provider: 'aws',
    runs: [...new Set(runs.map((run) => run.runId))],
    found: [],
    restored: [],
    removed: [],
    verified: [],
    leftovers: [],
    warnings: [],
    dryRun,
    wouldRestore: [],
    wouldRemove: [],
    leftAlone: [],
    overridden: [],
  };
}

export function mergeReport(into: MutableReport, from: MutableReport): void {
  into.found.push(...from.found);
  into.restored.push(...from.restored);
  into.removed.push(...from.removed);
  into.verified.push(...from.verified);
  into.leftovers.push(...from.leftovers);
  into.warnings.push(...from.warnings);
  into.wouldRestore.push(...from.wouldRestore);
  into.wouldRemove.push(...from.wouldRemove);
  into.leftAlone.push(...from.leftAlone);
  into.overridden.push(...from.overridden);
}

export function foundTarget(entry: FoundAcl): Target {
  return {
    kind: 'network-acl',
    id: entry.acl.NetworkAclId ?? '',
    zone: entry.zone,
    details: {
      vpcId: entry.acl.VpcId,
      tagKey: entry.tagKey,
      foundBy: entry.foundBy,
      runIds: entry.runIds,
      holder: describeAclHolder(holderOf(entry.acl.Tags ?? [])),
    },
  };
}

/** The restored subnets with the blocking ACL each left (`details.fromNetworkAclId`), as a dry run lists them. */
export function withFromAcl(restored: readonly Target[], found: readonly FoundAcl[]): Target[] {
  const from = new Map<string, string>();
  for (const entry of found) {
    for (const association of entry.acl.Associations ?? []) {
      if (association.SubnetId) from.set(association.SubnetId, entry.acl.NetworkAclId ?? '');
    }
  }
  return restored.map((target) => ({
    ...target,
    details: { ...target.details, fromNetworkAclId: from.get(target.id) },
  }));
}

export function summarize(report: MutableReport, logger: Logger): void {
  for (const warning of report.warnings) logger.warn(warning);
  for (const line of report.verified) logger.info(`Verified: ${line}`);
  const failed = report.dryRun ? 'Would not be able to restore' : 'Could not restore';
  for (const leftover of report.leftovers) logger.error(`${failed}: ${leftover}`);
  if (report.dryRun) {
    logger.info(
      `Reconcile (dry run): ${report.found.length} blocking network ACL(s) found; would restore ${report.wouldRestore.length} subnet(s) ` +
        `and delete ${report.wouldRemove.length} ACL(s)${report.leftAlone.length > 0 ? `; ${report.leftAlone.length} left alone` : ''}. Nothing was changed.`,
    );
    return;
  }
  logger.info(
    `Reconcile: ${report.found.length} blocking network ACL(s) found, ${report.restored.length} subnet(s) restored, ` +
      `${report.removed.length} ACL(s) removed, ${report.leftovers.length} left-over(s).`,
  );
}
