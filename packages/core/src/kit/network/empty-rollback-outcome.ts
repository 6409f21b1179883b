import type { RollbackOutcome } from './rollback-outcome';

/** A roll-back that did nothing and left nothing. */
export function emptyRollbackOutcome(): RollbackOutcome {
  return { restored: [], removed: [], warnings: [], leftovers: [], errors: [] };
}
