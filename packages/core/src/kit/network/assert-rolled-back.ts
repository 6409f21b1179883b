import { RollbackIncompleteError } from '../../errors/rollback-incomplete-error';
import type { RollbackOutcome } from './rollback-outcome';

/**
 * Throws `RollbackIncompleteError` naming every leftover, with the step failures (and `earlier`, the
 * error that made the simulation stop, if any) as an `AggregateError` cause. Does nothing when nothing
 * is left.
 */
export function assertRolledBack(outcome: RollbackOutcome, zone: string, earlier?: unknown): void {
  if (outcome.leftovers.length === 0) {
    return;
  }
  const causes = [...(earlier === undefined ? [] : [earlier]), ...outcome.errors];
  const [first] = causes;
  const described = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
  throw new RollbackIncompleteError({
    leftovers: outcome.leftovers,
    zone,
    cause: new AggregateError(causes, `${causes.length} step(s) failed, the first with ${described}`),
  });
}
