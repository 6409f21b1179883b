import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { aclRole, type SimulationScope } from './holder-role';
import { type AclHolder, holderOf } from './holder-tag';

/**
 * The total order on holders of one zone's blocking ACLs: by ticket, then by run id (plain string
 * order, the same on every machine). A holder without a ticket (an older version, the Python tool's
 * untagged ACL) comes first: it never gives way. Negative when `a` goes first.
 */
export function compareHolders(a: AclHolder | undefined, b: AclHolder | undefined): number {
  const ticketA = a?.ticket ?? 0;
  const ticketB = b?.ticket ?? 0;
  if (ticketA !== ticketB) return ticketA - ticketB;
  const runA = a?.run ?? '';
  const runB = b?.run ?? '';
  return runA < runB ? -1 : runA > runB ? 1 : 0;
}

/** One more than the highest ticket another holder took: the place of a run that takes one now. */
export function nextTicket(acls: readonly NetworkAcl[], runId: string): number {
  let highest = 0;
  for (const acl of acls) {
    const holder = holderOf(acl.Tags ?? []);
    if (holder !== undefined && holder.run !== runId && typeof holder.ticket === 'number') {
      highest = Math.max(highest, holder.ticket);
    }
  }
  return highest + 1;
}

export type ClaimDecision =
  | { verdict: 'won' }
  /** Another holder goes first: this run gives way. */
  | { verdict: 'lost'; acl: NetworkAcl; holder: AclHolder | undefined }
  /** Another holder is still taking its ticket: look again. */
  | { verdict: 'wait'; acl: NetworkAcl; holder: AclHolder };

/**
 * What `own` (with its ticket) does, given the zone's blocking ACLs listed after it wrote its ticket.
 * Only ACLs another simulation would not roll back take part (`aclRole` `held`); one of them that goes
 * first in `compareHolders` wins over `own`, one still without a ticket must be waited for.
 */
export function decideClaim(
  own: AclHolder,
  acls: readonly NetworkAcl[],
  scope: SimulationScope,
  now = Date.now(),
): ClaimDecision {
  let waitFor: ClaimDecision | undefined;
  for (const acl of acls) {
    if (aclRole(acl, scope, now) !== 'held') continue;
    const holder = holderOf(acl.Tags ?? []);
    if (holder?.ticket === null) {
      waitFor ??= { verdict: 'wait', acl, holder };
      continue;
    }
    if (compareHolders(holder, own) < 0) return { verdict: 'lost', acl, holder };
  }
  return waitFor ?? { verdict: 'won' };
}
