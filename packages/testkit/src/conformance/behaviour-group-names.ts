/**
 * The behaviour groups of `describeProviderConformance`, by the name `skipGroups` switches them off with.
 * Each is on when the hook it needs is given (`standIn`; `reconcile` also needs `standIn.markRunDead`):
 *
 * - `ledger-before-change`: every change a network simulation and a roll-back make is in the ledger as
 *   an intent before the stand-in shows it (rule 3);
 * - `rollback-twice`: a roll-back of a killed run's left-over, and a second one right after, succeed and
 *   leave nothing (rule 4);
 * - `lock-refusal`: while one network simulation holds a zone, a second one is refused with
 *   `SimulationLockedError`, on the same machine and from another `CHAOSGARDEN_HOST_ID` (rule 5);
 * - `reconcile`: `reconcile` finds what a killed run left, undoes it and the stand-in shows nothing left;
 * - `unknown-option`: every action refuses a misspelt top-level option before any change.
 */
export const behaviourGroupNames = [
  'ledger-before-change',
  'rollback-twice',
  'lock-refusal',
  'reconcile',
  'unknown-option',
] as const;

/** Name of one behaviour group; see `behaviourGroupNames`. */
export type BehaviourGroupName = (typeof behaviourGroupNames)[number];
