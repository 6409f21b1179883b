import type { TerminationReason } from '../../tasks/termination-reason';
import type { ComputeFailureModeName, NetworkFailureModeName } from './options';

/** One resource an action found or touched, as plain data. */
export interface Target {
  /** Resource kind in the provider's words: `instance`, `vpc`, `subnet`, `pod`, ... */
  kind: string;
  id: string;
  name?: string;
  zone?: string;
  /** Extra, provider-specific facts worth showing a person (state, tags, ...). */
  details?: Readonly<Record<string, unknown>>;
}

export interface AssessFiltersImpactResult {
  zone: string;
  targets: readonly Target[];
  warnings: readonly string[];
}

export interface SimulationEnd {
  /** Why the loop ended. */
  reason: TerminationReason;
  /** Seconds from start to end of the loop. */
  netDurationSeconds: number;
}

/** `M`: the modes the plugin reports (AWS: `ComputeFailureMode`); by default any mode name. */
export interface ComputeFailureSimulationResult<M extends string = ComputeFailureModeName>
  extends SimulationEnd {
  zone: string;
  /** The mode as given (or the default, `terminate`), also a mode of the plugin's own. */
  mode: M;
  /** Every machine the simulation terminated or restarted, once per operation. */
  affected: readonly Target[];
  warnings: readonly string[];
}

/**
 * `complete`: every planned target was found blocked when read back after blocking (or none was planned);
 * `partial`: some were not (each named in the warnings).
 */
export type NetworkFailureSimulationStatus = 'complete' | 'partial';

/** `M`: the modes the plugin reports (AWS: `NetworkFailureMode`); by default any mode name. */
export interface NetworkFailureSimulationResult<M extends string = NetworkFailureModeName>
  extends SimulationEnd {
  zone: string;
  /** The mode as given (or the default, `total`), also a mode of the plugin's own. */
  mode: M;
  /** The resources that were cut off (subnets, NICs, ...), as read back from the cloud after blocking. */
  blocked: readonly Target[];
  /** What the final roll-back restored. */
  rollback: RollbackResult;
  warnings: readonly string[];
  /**
   * Whether every planned target was blocked (read back after blocking). Plugins written against an
   * earlier v1 may leave it out.
   */
  status?: NetworkFailureSimulationStatus;
}

export interface RollbackResult {
  zone: string;
  /** Resources put back into their original state. */
  restored: readonly Target[];
  /** Blocking artefacts that were removed. */
  removed: readonly Target[];
  warnings: readonly string[];
}

/** What `reconcile` found, undid and then checked. */
export interface ReconcileReport {
  provider: string;
  /** Ledger runs whose pending changes were taken into account. */
  runs: readonly string[];
  /** Left-overs found: by the ledger, by ownership marks in the cloud, or both. */
  found: readonly Target[];
  /** Resources put back into their original state. */
  restored: readonly Target[];
  /** Blocking artefacts that were removed. */
  removed: readonly Target[];
  /** What was read back afterwards and found in its original state (or gone), in words. */
  verified: readonly string[];
  /** What is still not in its original state, in words; empty when reconcile succeeded. */
  leftovers: readonly string[];
  warnings: readonly string[];
  /** True for `dryRun: true`: nothing was changed; `wouldRestore` and `wouldRemove` say what would be. */
  dryRun?: boolean;
  /** Dry run: what would be put back (for AWS subnets, `details.fromNetworkAclId` → `details.networkAclId`). */
  wouldRestore?: readonly Target[];
  /** Dry run: the blocking artefacts that would be removed. */
  wouldRemove?: readonly Target[];
  /** Found but not touched: held by a simulation still running on this machine (`details.holder`). */
  leftAlone?: readonly Target[];
  /** Undone (or, in a dry run, to be undone) although their holder was not provably over (`details.holder`). */
  overridden?: readonly Target[];
}
