import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { SimulationLockedError } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import { filterChunks } from './filter-chunks';
import { describeAclHolder, holderOf, holderState } from './holder-tag';

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
 * The lock in the cloud: a blocking ACL for the same zone and subnets filter means another simulation
 * holds the zone, unless its holder provably ended (its process on this host is gone, or its lease
 * ran out). The Python tool's ACLs carry no holder, so they count as held too, unless the caller says
 * they are left-overs (`rollbackLeftovers`). A holder still running on this host is never overridden.
 *
 * @throws SimulationLockedError naming the holder and the ACL.
 */
export function assertNotHeldInCloud(
  acls: readonly NetworkAcl[],
  request: { zone: string; tagKey: string; rollbackLeftovers: boolean },
): void {
  for (const acl of acls) {
    const holder = holderOf(acl.Tags ?? []);
    const state = holderState(holder);
    if (state === 'dead' || (state === 'unknown' && request.rollbackLeftovers)) {
      continue;
    }
    throw new SimulationLockedError({
      lock: `network failure simulation of zone ${request.zone}`,
      holder: describeAclHolder(holder),
      seen: `in the cloud (blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}, tag ${request.tagKey})`,
      hint:
        state === 'alive'
          ? 'That process still runs on this machine: wait for it, or stop it (Ctrl-C rolls it back).'
          : 'If that run has ended, roll its partition back first (`chaosgarden rollback --zone …`, or ' +
            'rollbackNetworkFailureSimulation with the same zone and filters), or pass rollbackLeftovers: true ' +
            '(CLI --rollback-leftovers) to have this run roll it back before it blocks.',
    });
  }
}
