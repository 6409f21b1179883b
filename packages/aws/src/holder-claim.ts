import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { abortableSleep, SimulationLockedError } from '@chaosgarden/core';
import { type ClaimDecision, decideClaim, nextTicket } from './claim-order';
import type { Ec2Api } from './ec2-api';
import { type AclHolder, describeAclHolder, holderTag } from './holder-tag';
import type { NetworkContext } from './network-context';
import { blockingAclsWithTag } from './network-guard';

/** How often the claim looks again while another run is still taking its ticket. */
const pollMs = 200;
/** How long another run may take to write its ticket (a few API calls) before this run gives way. */
const waitLimitMs = 60_000;

export interface ClaimZoneRequest {
  /** Every VPC the filters match (the same set the other runs of this zone and filters look at). */
  vpcIds: readonly string[];
  signal: AbortSignal;
}

/**
 * The cloud lock's second half, after this run created every blocking ACL (holder with ticket null)
 * and before it moves any subnet (a bakery lock over the zone tag key): lists the zone's blocking ACLs
 * in every VPC, takes the ticket one above the highest seen and writes it onto all of this run's ACLs,
 * lists again, waits while another run is still without a ticket, and then goes ahead only if no
 * other live holder goes first (`decideClaim`). Of runs that do this at the same moment, exactly one
 * goes ahead; one that starts later sees a higher ticket and gives way. Updates `context.holder`.
 *
 * @throws SimulationLockedError naming the holder that goes first; the caller's roll-back then removes
 *   this run's own ACLs (no subnet was moved).
 */
export async function claimZone(
  api: Ec2Api,
  context: NetworkContext,
  request: ClaimZoneRequest,
): Promise<void> {
  const { holder, rollbackScope: scope } = context;
  if (holder === undefined || scope === undefined) {
    throw new Error('claimZone needs the simulation context (holder and rollback scope).');
  }
  const list = () => blockingAclsWithTag(api, request.vpcIds, context.tagKey);
  const claimed: AclHolder = { ...holder, ticket: nextTicket(await list(), holder.run) };
  const ownAclIds = [...context.intents.acls.keys()];
  if (ownAclIds.length > 0) {
    await api.createTags(ownAclIds, [holderTag(claimed)]);
  }
  context.holder = claimed;
  const deadline = Date.now() + waitLimitMs;
  for (;;) {
    const decision = decideClaim(claimed, await list(), scope);
    if (decision.verdict === 'won') return;
    if (decision.verdict === 'lost' || Date.now() > deadline) {
      throw lockedBy(decision, context.zone, context.tagKey);
    }
    await abortableSleep(pollMs, request.signal);
  }
}

function lockedBy(
  decision: Exclude<ClaimDecision, { verdict: 'won' }>,
  zone: string,
  tagKey: string,
): SimulationLockedError {
  const acl: NetworkAcl = decision.acl;
  return new SimulationLockedError({
    lock: `network failure simulation of zone ${zone}`,
    holder: describeAclHolder(decision.holder),
    seen: `in the cloud (blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}, tag ${tagKey}, created at the same moment as this run's)`,
    hint:
      decision.verdict === 'lost'
        ? 'Both runs started at the same moment and that one goes first; this run removed its own blocking ACLs before moving any subnet. Wait for that run to end.'
        : `That run did not take its place in the claim order within ${waitLimitMs / 1000} s; this run removed its own blocking ACLs before moving any subnet. If that run died, roll its partition back (\`chaosgarden rollback --zone …\`).`,
  });
}
