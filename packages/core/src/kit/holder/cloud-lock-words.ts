import type { HolderRecord } from './holder-record';

/** How a plugin's cloud lock is named in `SimulationLockedError`s (`assertNotHeld`, `claimZone`). */
export interface CloudLockWords {
  /** The lock: `network failure simulation of zone eu-west-1a`. */
  lock: string;
  /** A holder in words; called with undefined for an artefact without holder (the Python tool's). */
  describe: (holder: HolderRecord | undefined) => string;
  /**
   * How to remove a dead holder's artefacts: `roll its partition back first (\`chaosgarden rollback
   * --zone …\`, …)`.
   */
  rollbackHint: string;
  /** What a run that gives way in the claim undid: `this run removed its own blocking ACLs before moving any subnet`. */
  undone: string;
}
