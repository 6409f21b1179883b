import { type FoundArtefact, holderState, type Target } from '@chaosgarden/core';
import { describeAclHolder, holderOf } from './artefacts';
import type { FoundAcl } from './reconcile-scan';

/**
 * A found blocking ACL as the kit's reconcile reports it: `found` lists it as a `network-acl` with its
 * VPC, tag key, how it was found, the runs that announced it and its holder (from its holder tag).
 */
export function foundArtefact(entry: FoundAcl, now = Date.now()): FoundArtefact<FoundAcl> {
  const holder = holderOf(entry.acl.Tags ?? []);
  const state = holderState(holder, now);
  const description = describeAclHolder(holder);
  const aclId = entry.acl.NetworkAclId ?? '';
  return {
    artefact: entry,
    target: {
      kind: 'network-acl',
      id: aclId,
      zone: entry.zone,
      details: {
        vpcId: entry.acl.VpcId,
        tagKey: entry.tagKey,
        foundBy: entry.foundBy,
        runIds: entry.runIds,
        holder: description,
      },
    },
    location: { vpcId: entry.acl.VpcId },
    text: `blocking network ACL ${aclId} in ${entry.acl.VpcId} for zone ${entry.zone}`,
    foundBy: entry.foundBy,
    runIds: entry.runIds,
    holder: { state: state === 'dead' ? 'over' : state, description },
  };
}

/** The restored subnets with the blocking ACL each left (`details.fromNetworkAclId`), as a dry run lists them. */
export function withFromAcl(restored: readonly Target[], found: readonly FoundAcl[]): Target[] {
  const from = new Map<string, string>();
  for (const entry of found) {
    for (const association of entry.acl.Associations ?? []) {
      if (association.SubnetId) from.set(association.SubnetId, entry.acl.NetworkAclId ?? '');
    }
  }
  return restored.map((target) => ({
    ...target,
    details: { ...target.details, fromNetworkAclId: from.get(target.id) },
  }));
}
