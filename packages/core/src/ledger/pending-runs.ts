import { LedgerCorruptError } from '../errors/ledger-corrupt-error';
import { createFileLedger } from './file-ledger';
import { type PendingChange, pendingChanges } from './pending-changes';
import { listLedgerRuns, readLedger } from './read-ledger';
import { resolveStateDirectory } from './state-directory';

export interface PendingRunsOptions {
  /** State directory with `runs/`. Default `resolveStateDirectory()`. */
  directory?: string;
  /** Only this run. */
  runId?: string;
  /** Only changes this provider made (`aws`, `k8s`, ...). */
  provider?: string;
  /** Only changes in this zone. */
  zone?: string;
}

/** One run's changes of one provider in one zone that were never undone. */
export interface PendingRun {
  runId: string;
  provider: string;
  zone: string;
  changes: readonly PendingChange[];
}

export interface PendingRunsResult {
  runs: PendingRun[];
  /** Ledgers that could not be read, in words: they are reported, not silently skipped. */
  unreadable: string[];
}

/**
 * Reads every ledger in the state directory (or one run's) and returns, per run, provider and zone,
 * the changes never marked undone: what reconcile must check. A damaged ledger does not hide the
 * others' left-overs; it is named in `unreadable`.
 */
export async function findPendingRuns(options: PendingRunsOptions = {}): Promise<PendingRunsResult> {
  const directory = options.directory ?? resolveStateDirectory();
  const runIds = options.runId === undefined ? await listLedgerRuns({ directory }) : [options.runId];
  const runs: PendingRun[] = [];
  const unreadable: string[] = [];
  for (const runId of runIds) {
    let changes: PendingChange[];
    try {
      changes = pendingChanges(await readLedger(runId, { directory }));
    } catch (error) {
      if (!LedgerCorruptError.isInstance(error)) throw error;
      unreadable.push(error.message);
      continue;
    }
    const groups = new Map<string, PendingRun>();
    for (const change of changes) {
      const { provider, zone } = change.intent;
      if (options.provider !== undefined && provider !== options.provider) continue;
      if (options.zone !== undefined && zone !== options.zone) continue;
      const key = JSON.stringify([provider, zone]);
      const group = groups.get(key) ?? { runId, provider, zone, changes: [] };
      (group.changes as PendingChange[]).push(change);
      groups.set(key, group);
    }
    runs.push(...groups.values());
  }
  return { runs, unreadable };
}

/**
 * Appends an `undone` entry to the run's own ledger for each of its pending changes, once reconcile
 * has checked that they are no longer in effect, so the next reconcile does not look for them again.
 */
export async function markReconciled(run: PendingRun, options: { directory?: string } = {}): Promise<void> {
  const ledger = createFileLedger({
    runId: run.runId,
    ...(options.directory ? { directory: options.directory } : {}),
  });
  for (const change of run.changes) {
    await ledger.markUndone(change.intent);
  }
}
