import type { LedgerEntry } from './rollback-ledger';

/** A change that may still be in effect: reconcile must check it and undo it if needed. */
export interface PendingChange {
  readonly intent: LedgerEntry;
  /**
   * The `done` entry, if the change is known to have taken effect. Without it the process ended
   * between intent and result: the change may or may not have happened.
   */
  readonly done: LedgerEntry | undefined;
  /** The intent's resources plus those the `done` entry named (ids that only existed afterwards). */
  readonly resources: readonly string[];
}

/**
 * Changes that were never undone (done or intent-only), in the order they were recorded. Steps of a
 * roll-back (`role: 'rollback-step'`) are not changes to undo and never appear.
 */
export function pendingChanges(entries: readonly LedgerEntry[]): PendingChange[] {
  const done = new Map<number, LedgerEntry>();
  const undone = new Set<number>();
  for (const entry of entries) {
    if (entry.refersTo === undefined) {
      continue;
    }
    if (entry.phase === 'done') {
      done.set(entry.refersTo, entry);
    } else if (entry.phase === 'undone') {
      undone.add(entry.refersTo);
    }
  }
  return entries
    .filter(
      (entry) => entry.phase === 'intent' && entry.role !== 'rollback-step' && !undone.has(entry.sequence),
    )
    .sort((a, b) => a.sequence - b.sequence)
    .map((intent) => {
      const result = done.get(intent.sequence);
      return {
        intent,
        done: result,
        resources: [...new Set([...intent.resources, ...(result?.resources ?? [])])],
      };
    });
}
