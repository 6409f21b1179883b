import type { HolderRecord } from './holder-record';
import { holderState } from './holder-state';
import { isSameRun } from './is-same-run';

/** Which blocking artefacts a simulation's roll-backs may touch. */
export interface HolderScope {
  /** The simulation's run id (its ledger's); undefined before it created anything. */
  runId: string | undefined;
  /** Artefacts without a holder (the Python tool's) count as left-overs, not as another run's. */
  rollbackLeftovers: boolean;
}

/**
 * `own`: the run's own artefact. `left-over`: its holder provably ended (`holderState` `dead`), or it has
 * no holder and `rollbackLeftovers` is set. `held`: any other, the artefact of a run that may still be
 * running: a simulation never touches it.
 */
export type HolderRole = 'own' | 'left-over' | 'held';

/** The role of an artefact with this holder for a simulation in `scope` (see `HolderRole`). */
export function holderRole(
  holder: HolderRecord | undefined,
  scope: HolderScope,
  now = Date.now(),
): HolderRole {
  if (holder !== undefined && isSameRun(holder.run, scope.runId)) return 'own';
  if (holder === undefined) return scope.rollbackLeftovers ? 'left-over' : 'held';
  return holderState(holder, now) === 'dead' ? 'left-over' : 'held';
}
