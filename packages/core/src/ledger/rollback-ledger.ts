/**
 * What a simulation is about to change, written down *before* the change is made, so that a
 * crash between the two can never lose track of it. One entry per mutating call.
 */
export interface LedgerEntryInput {
  /** Provider type that makes the change (`aws`, `k8s`, ...). */
  provider: string;
  /** Zone the simulation targets. */
  zone: string;
  /** Short verb for the change, e.g. `create-network-acl`, `replace-network-acl-association`. */
  action: string;
  /** Ids (or, before they exist, ownership marks such as tag keys) of the resources concerned. */
  resources: readonly string[];
  /** The state to restore, as plain JSON (for example the original ACL association per subnet). */
  originalState?: unknown;
  /** How to undo it, as plain JSON a reconcile step can interpret without the original process. */
  undo?: unknown;
  /**
   * `change` (default) for a change a roll-back must undo; `rollback-step` for a step of a roll-back
   * itself (restoring an association, deleting a blocking ACL), which is recorded so that a crash in
   * the middle is visible but is never undone in turn.
   */
  role?: 'change' | 'rollback-step';
}

export interface LedgerEntry extends LedgerEntryInput {
  runId: string;
  /** Position within the run, starting at 1. */
  sequence: number;
  /** ISO-8601 time the entry was written. */
  recordedAt: string;
  /** `intent` before the change, `done` once it took effect, `undone` once rolled back. */
  phase: 'intent' | 'done' | 'undone';
  /** For `done`/`undone`, the sequence number of the `intent` entry it refers to. */
  refersTo?: number;
}

/**
 * Append-only record of a run's changes. Plugins call `recordIntent` before every mutating
 * API call and `markDone`/`markUndone` after; reconcile reads `entries`.
 */
export interface RollbackLedger {
  readonly runId: string;
  recordIntent(entry: LedgerEntryInput): Promise<LedgerEntry>;
  markDone(intent: LedgerEntry, details?: { resources?: readonly string[] }): Promise<void>;
  markUndone(intent: LedgerEntry): Promise<void>;
  entries(): Promise<readonly LedgerEntry[]>;
}
