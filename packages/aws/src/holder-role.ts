import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { type AclHolder, holderOf, holderState } from './holder-tag';

/** Which blocking ACLs a simulation's roll-backs may touch. */
export interface SimulationScope {
  /** The simulation's run id (its ledger's); undefined before it created anything. */
  runId: string | undefined;
  /** ACLs without a holder tag (the Python tool's) count as left-overs, not as another run's. */
  rollbackLeftovers: boolean;
}

/**
 * `own`: the run's own ACL. `left-over`: its holder provably ended (process gone on this host, lease
 * run out), or it has no holder tag and `rollbackLeftovers` is set. `held`: any other, the ACL of a run
 * that may still be running: a simulation never touches it.
 */
export type AclRole = 'own' | 'left-over' | 'held';

export function aclRole(acl: NetworkAcl, scope: SimulationScope, now = Date.now()): AclRole {
  const holder = holderOf(acl.Tags ?? []);
  if (holder !== undefined && holder.run === scope.runId) return 'own';
  if (holder === undefined) return scope.rollbackLeftovers ? 'left-over' : 'held';
  return holderState(holder, now) === 'dead' ? 'left-over' : 'held';
}

/** The ACLs a roll-back in `scope` undoes, and those it leaves to their holders. */
export function partitionByRole(
  acls: readonly NetworkAcl[],
  scope: SimulationScope,
  now = Date.now(),
): { mine: NetworkAcl[]; others: { acl: NetworkAcl; holder: AclHolder | undefined }[] } {
  const mine: NetworkAcl[] = [];
  const others: { acl: NetworkAcl; holder: AclHolder | undefined }[] = [];
  for (const acl of acls) {
    if (aclRole(acl, scope, now) === 'held') others.push({ acl, holder: holderOf(acl.Tags ?? []) });
    else mine.push(acl);
  }
  return { mine, others };
}
