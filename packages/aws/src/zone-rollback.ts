import {
  defaultCallConcurrency,
  type NetworkFailureMode,
  pythonRepr,
  RollbackIncompleteError,
  settleWithConcurrency,
} from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import type { NetworkContext } from './network-context';
import { emptyOutcome, mergeOutcomes, type RollbackOutcome, unblockVpc } from './rollback';

/** A filter in Python notation for the log lines, as the Python tool printed it. */
export function reprOf(filter: unknown): string {
  return pythonRepr(filter ?? []);
}

/**
 * The Python tool's `rollback_network_failure_simulation` after validation: logs `Unpartitioning …` and
 * rolls back every VPC, a few at a time. Never throws for a failed step: see the outcome's `leftovers`.
 */
export async function rollbackVpcs(
  api: Ec2Api,
  context: NetworkContext,
  vpcIds: readonly string[],
  vpcsFilter: unknown,
  mode: NetworkFailureMode,
): Promise<RollbackOutcome> {
  context.logger.info(
    `Unpartitioning VPCs matching ${reprOf(vpcsFilter)} in zone ${context.zone} (${mode}).`,
  );
  const settled = await settleWithConcurrency(vpcIds, defaultCallConcurrency, (vpcId) =>
    unblockVpc(api, context, vpcId),
  );
  return mergeOutcomes(
    settled.map((result, index) => {
      if (result.status === 'fulfilled') {
        return result.value;
      }
      const outcome = emptyOutcome();
      outcome.leftovers.push(`${vpcIds[index] ?? '?'} (roll-back failed)`);
      outcome.errors.push(result.reason);
      return outcome;
    }),
  );
}

/**
 * Throws `RollbackIncompleteError` naming every leftover, with the step failures (and `earlier`, the
 * error that made the simulation stop, if any) as an `AggregateError` cause.
 */
export function assertRolledBack(outcome: RollbackOutcome, zone: string, earlier?: unknown): void {
  if (outcome.leftovers.length === 0) {
    return;
  }
  const causes = [...(earlier === undefined ? [] : [earlier]), ...outcome.errors];
  throw new RollbackIncompleteError({
    leftovers: outcome.leftovers,
    zone,
    cause: new AggregateError(
      causes,
      `${causes.length} step(s) failed, the first with ${describeFirst(causes)}`,
    ),
  });
}

function describeFirst(causes: readonly unknown[]): string {
  const [first] = causes;
  return first instanceof Error ? `${first.name}: ${first.message}` : String(first);
}
