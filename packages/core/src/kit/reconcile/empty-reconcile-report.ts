import type { PendingRun } from '../../ledger/pending-runs';
import type { ReconcileReport } from '../../provider/v1/results';

/** A reconcile report while it is being filled: every list present and writable. */
export type MutableReconcileReport = {
  -readonly [K in keyof ReconcileReport]-?: Required<ReconcileReport>[K] extends readonly (infer T)[]
    ? T[]
    : Required<ReconcileReport>[K];
};

/** An empty report of `provider` naming the pending `runs` (each once). */
export function emptyReconcileReport(
  provider: string,
  runs: readonly PendingRun[],
  dryRun: boolean,
): MutableReconcileReport {
  return {
    provider,
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
