import type { PendingChange } from '../../ledger/pending-changes';
import type { Target } from '../../provider/v1/results';
import type { TerminationReason } from '../../tasks/termination-reason';
import type { HeldArtefact } from '../holder/held-artefact';
import type { HolderRecord } from '../holder/holder-record';
import type { BlockReadBack } from './block-read-back';
import type { RollbackOutcome } from './rollback-outcome';

/** What a plugin's read-only planning found: the units to cut and how many targets they hold. */
export interface NetworkPlan<Unit> {
  /** Only units with something to cut. */
  units: readonly Unit[];
  /** How many targets (subnets, NICs) are planned. */
  planned: number;
  /** Logged and reported (`nothing to block`). */
  warnings: readonly string[];
}

/**
 * The cloud calls a network simulation is made of; `runNetworkSimulationSequence` runs them in order.
 * Each hook's calls use the run's signal unless it is given one.
 */
export interface NetworkSimulationHooks<Unit, Prepared, ReadBack extends BlockReadBack = BlockReadBack> {
  /** Read-only: what to cut, with every check that needs no change (max targets, self target). */
  plan(): Promise<NetworkPlan<Unit>>;
  /** Lists the zone's blocking artefacts (of any run) with their holders: the cloud lock, the claim. */
  findLeftovers(): Promise<readonly HeldArtefact[]>;
  /** Creates what cuts one unit off, marked with `holder`, without cutting yet. */
  prepare(unit: Unit, holder: HolderRecord): Promise<Prepared | undefined>;
  /** Cuts one prepared unit off; the targets cut off. */
  block(prepared: Prepared): Promise<readonly Target[]>;
  /**
   * Undoes this run's own artefacts and those of provably ended holders (`holderRole`): before blocking
   * (`leftovers`, over every matching unit) and in `finally` (`final`, over the planned units). Never throws
   * for a failed step: see the outcome's `leftovers`.
   */
  unblock(request: { phase: 'leftovers' | 'final'; signal: AbortSignal }): Promise<RollbackOutcome>;
  /** Writes the holder (with its ticket, or a renewed lease) onto every artefact this run created. */
  writeHolder?(holder: HolderRecord): Promise<void>;
  /** Reads back what is cut off now; its calls use `signal`. */
  readBack?(signal: AbortSignal): Promise<ReadBack>;
  /**
   * The drift check during the wait, run once per second: a reason ends it (`rolled-back-externally`).
   * What it repaired goes into `warnings` (the result's).
   */
  guard?(readBack: ReadBack, warnings: string[]): () => Promise<TerminationReason | undefined>;
  /** Lines for the changes still pending when the roll-back is abandoned (see `AbandonedRollbackWords`). */
  describeChange(change: PendingChange): { target: boolean; line: string }[];
}
