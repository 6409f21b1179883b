import type { PendingChange } from '../../ledger/pending-changes';
import type { PendingRun } from '../../ledger/pending-runs';
import type { Target } from '../../provider/v1/results';

/**
 * Whether the process that made an artefact may still need it: `alive` (a simulation still running on
 * this machine: never touched), `unknown` (another machine within its lease, or no holder mark: undone
 * anyway, and named), `over` (provably ended: undone).
 */
export type ArtefactHolderState = 'alive' | 'unknown' | 'over';

/** A left-over the plugin's scan found, by its ownership mark in the cloud, by the ledgers, or both. */
export interface FoundArtefact<TArtefact> {
  /** The plugin's own record of it (AWS: the network ACL). */
  artefact: TArtefact;
  /** How `ReconcileReport.found` lists it: `kind`, `id`, `zone` and the plugin's `details`. */
  target: Target;
  /** Where it lives, shown next to the holder in `leftAlone` and `overridden` (AWS: `{ vpcId }`). */
  location?: Readonly<Record<string, unknown>> | undefined;
  /** The log line's subject: `blocking network ACL acl-1 in vpc-a for zone eu-west-1a`. */
  text: string;
  /** How it was found, e.g. `['ledger', 'tag']`. */
  foundBy: readonly string[];
  /** Ledger runs that announced it. */
  runIds: readonly string[];
  holder: { state: ArtefactHolderState; description: string };
}

/** One place to look in (an account's region and endpoint, a cluster), as the plugin's `places` hook made it. */
export interface ReconcilePlace {
  /** In log lines: `us-east-1 at http://127.0.0.1:5000`. */
  label: string;
  /** Runs whose announced artefacts this place covers: settled once it is left without left-overs. */
  runIds: readonly string[];
}

/** What a dry run would do (`plan`), read-only. */
export interface ReconcilePlan {
  wouldRestore: readonly Target[];
  wouldRemove: readonly Target[];
  warnings: readonly string[];
  /** What it could not say how to undo. */
  leftovers: readonly string[];
}

/** What `undo` did. */
export interface ReconcileUndoOutcome {
  restored: readonly Target[];
  removed: readonly Target[];
  warnings: readonly string[];
  leftovers: readonly string[];
}

/** What `verify` read back: only what it found in its original state (or gone) counts as verified. */
export interface ReconcileVerification {
  verified: readonly string[];
  leftovers: readonly string[];
  warnings: readonly string[];
}

/** What `verify` is told: what was undone, and what was deliberately left alone. */
export interface ReconcileVerifyRequest<TArtefact> {
  undone: readonly FoundArtefact<TArtefact>[];
  outcome: ReconcileUndoOutcome;
  leftAlone: readonly Target[];
}

/** The plugin's work in one place, with its client open: made by `ReconcileHooks.open`. */
export interface ReconcileSession<TArtefact> {
  /** Finds the left-overs by the ownership mark and by what the place's ledger runs announced. */
  scan(): Promise<readonly FoundArtefact<TArtefact>[]>;
  /** Dry run: what `undo` would do, changing nothing. */
  plan(found: readonly FoundArtefact<TArtefact>[]): Promise<ReconcilePlan>;
  /** Restores and removes the found artefacts (each step recorded in a ledger). */
  undo(found: readonly FoundArtefact<TArtefact>[]): Promise<ReconcileUndoOutcome>;
  /** Reads the cloud back afterwards. */
  verify(request: ReconcileVerifyRequest<TArtefact>): Promise<ReconcileVerification>;
  /** Releases the client. */
  close(): void | Promise<void>;
}

/** The plugin's side of `reconcileFromLedgers`. */
export interface ReconcileHooks<TPlace extends ReconcilePlace, TArtefact> {
  /** Where to look, from the pending runs (and the caller's configuration). */
  places(runs: readonly PendingRun[]): readonly TPlace[];
  /** Opens a client for one place. */
  open(place: TPlace): Promise<ReconcileSession<TArtefact>>;
  /**
   * Whether the run's ledger announced artefacts that a place must find gone before the run is
   * settled (AWS: a `create-network-acl`); any other run is settled at once.
   */
  announcesArtefacts(run: PendingRun): boolean;
  /** Changes no reconcile can undo (AWS: terminations): named when their run is settled. */
  isIrreversible?(change: PendingChange): boolean;
}

/** How the reconcile's log lines name things, in the plugin's words. */
export interface ReconcileNouns {
  /** The left-overs: `blocking network ACL`. */
  found: string;
  /** What is put back: `subnet`. */
  restored: string;
  /** What is removed: `ACL`. */
  removed: string;
  /** What a place is, named when there is nowhere to look: `region`. */
  place: string;
}
