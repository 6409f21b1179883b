import { emptyRollbackOutcome } from './empty-rollback-outcome';
import type { RollbackOutcome } from './rollback-outcome';

/** The outcomes of several roll-backs (VPCs, networks, …) as one, in their order. */
export function mergeRollbackOutcomes(outcomes: readonly RollbackOutcome[]): RollbackOutcome {
  const merged = emptyRollbackOutcome();
  for (const outcome of outcomes) {
    merged.restored.push(...outcome.restored);
    merged.removed.push(...outcome.removed);
    merged.warnings.push(...outcome.warnings);
    merged.leftovers.push(...outcome.leftovers);
    merged.errors.push(...outcome.errors);
  }
  return merged;
}
