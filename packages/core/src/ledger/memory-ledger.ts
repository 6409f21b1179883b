import { followUpEntry, intentEntry } from './ledger-entries';
import type { LedgerEntry, RollbackLedger } from './rollback-ledger';
import { createRunId } from './run-id';

export interface MemoryLedgerOptions {
  /** Default: a new time-sortable id. */
  runId?: string;
  /** Source of `recordedAt`. Default `() => new Date()`. */
  now?: () => Date;
}

/**
 * A ledger kept in memory, with the same entries, numbering and secret checks as the file ledger.
 * For tests, and for callers that explicitly do not want state on disk.
 */
export function createMemoryLedger(options: MemoryLedgerOptions = {}): RollbackLedger {
  const runId = options.runId ?? createRunId();
  const now = options.now ?? (() => new Date());
  const entries: LedgerEntry[] = [];
  // Copies in and out, so a caller changing an entry it holds cannot rewrite history.
  const append = (entry: LedgerEntry) => {
    entries.push(entry);
    return structuredClone(entry);
  };
  return {
    runId,
    recordIntent: async (input) => append(intentEntry(runId, entries.length + 1, now(), input)),
    markDone: async (intent, details) => {
      append(followUpEntry(runId, entries.length + 1, now(), 'done', intent, details?.resources));
    },
    markUndone: async (intent) => {
      append(followUpEntry(runId, entries.length + 1, now(), 'undone', intent));
    },
    entries: async () => structuredClone(entries),
  };
}
