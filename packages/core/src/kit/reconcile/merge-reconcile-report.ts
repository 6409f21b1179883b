import type { MutableReconcileReport } from './empty-reconcile-report';

/** Appends every list of `from` (one place's report) to `into`; `provider`, `runs` and `dryRun` stay. */
export function mergeReconcileReport(into: MutableReconcileReport, from: MutableReconcileReport): void {
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
