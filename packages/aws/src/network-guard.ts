import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { SimulationLockedError } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import { filterChunks } from './filter-chunks';
import { aclRole } from './holder-role';
import { type AclHolder, describeAclHolder, holderOf, holderState } from './holder-tag';

/** The blocking ACLs with exactly this tag key in the given VPCs. */
export async function blockingAclsWithTag(
  api: Ec2Api,
  vpcIds: readonly string[],
  tagKey: string,
): Promise<NetworkAcl[]> {
  const found: NetworkAcl[] = [];
  for (const chunk of filterChunks(vpcIds)) {
    found.push(
      ...(await api.describeNetworkAcls([
        { Name: 'vpc-id', Values: chunk },
        { Name: 'tag-key', Values: [tagKey] },
      ])),
    );
  }
  return found;
}

/**
 * The lock in the cloud, first half (before anything is created): a blocking ACL for the same zone and
 * subnets filter means another simulation holds the zone, unless its holder provably ended (its
 * process on this host is gone, or its lease ran out). The Python tool's ACLs carry no holder, so they
 * count as held too, unless the caller says they are left-overs (`rollbackLeftovers`). A run on
 * another host within its lease is never overridden. The second half is `claimZone`.
 *
 * @throws SimulationLockedError naming the holder and the ACL.
 */
export function assertNotHeldInCloud(
  acls: readonly NetworkAcl[],
  request: { zone: string; tagKey: string; rollbackLeftovers: boolean },
): void {
  for (const acl of acls) {
    if (aclRole(acl, { runId: undefined, rollbackLeftovers: request.rollbackLeftovers }) !== 'held') {
      continue;
    }
    const holder = holderOf(acl.Tags ?? []);
    throw new SimulationLockedError({
      lock: `network failure simulation of zone ${request.zone}`,
      holder: describeAclHolder(holder),
      seen: `in the cloud (blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}, tag ${request.tagKey})`,
      hint: hintFor(holder),
    });
  }
}

function hintFor(holder: AclHolder | undefined): string {
  if (holderState(holder) === 'alive') {
    return 'That process still runs on this machine: wait for it, or stop it (Ctrl-C rolls it back).';
  }
  const rollback =
    'roll its partition back first (`chaosgarden rollback --zone …`, or rollbackNetworkFailureSimulation ' +
    'with the same zone and filters)';
  return holder === undefined
    ? `If that run has ended, ${rollback}, or pass rollbackLeftovers: true (CLI --rollback-leftovers) to have this run roll it back before it blocks.`
    : `Wait for that run to end; if it died, ${rollback} or wait until its lease ends.`;
}
