import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { describeError, type Target } from '@chaosgarden/core';
import { decodeOriginalAssociations } from './artefacts';
import { type Ec2Api, type KnownAssociation, vpcAssociations } from './ec2-api';
import type { AclReadBack, NetworkContext, VpcBlockPlan } from './network-context';

/**
 * Reads every planned subnet's association back (one `DescribeNetworkAcls` per 100 VPCs) and compares it
 * with the plan: only a subnet on the blocking ACL this run created in its VPC counts as blocked.
 */
export async function readBackBlocks(
  api: Ec2Api,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
): Promise<AclReadBack> {
  const planned = plans.filter((plan) => plan.subnetIds.length > 0);
  const aclByVpc = blockingAclsOfRun(context);
  const { acls, bySubnet } = await vpcAssociations(
    api,
    planned.map((plan) => plan.vpcId),
  );
  const listed = new Map(acls.map((acl) => [acl.NetworkAclId ?? '', acl]));
  const readBack: AclReadBack = { planned: 0, blocked: [], missed: [], aclByVpc };
  for (const { vpcId, subnetIds } of planned) {
    const aclId = aclByVpc.get(vpcId);
    const acl = aclId === undefined ? undefined : listed.get(aclId);
    for (const subnetId of subnetIds) {
      readBack.planned++;
      const current = bySubnet.get(subnetId);
      if (acl !== undefined && current?.NetworkAclId === aclId) {
        readBack.blocked.push(blockedTarget(context, acl, subnetId));
        continue;
      }
      const failure = context.associationFailures.get(subnetId);
      readBack.missed.push({
        id: subnetId,
        label: `${subnetId} (VPC ${vpcId})`,
        why: whyMissed(failure, vpcId, aclId, acl, current),
        ...(context.associationFailures.has(subnetId) ? { failure } : {}),
      });
    }
  }
  return readBack;
}

/** VPC id → the blocking ACL this run created there, from its own `create-network-acl` intents. */
function blockingAclsOfRun(context: NetworkContext): Map<string, string> {
  const result = new Map<string, string>();
  for (const [aclId, intent] of context.intents.acls) {
    const [vpcId] = intent.resources;
    if (vpcId !== undefined) {
      result.set(vpcId, aclId);
    }
  }
  return result;
}

function blockedTarget(context: NetworkContext, acl: NetworkAcl, subnetId: string): Target {
  const recorded = decodeOriginalAssociations(acl.Tags ?? []).originals.get(subnetId);
  return {
    kind: 'subnet',
    id: subnetId,
    zone: context.zone,
    details: {
      vpcId: acl.VpcId,
      networkAclId: acl.NetworkAclId,
      ...(recorded === undefined ? {} : { originalNetworkAclId: recorded }),
    },
  };
}

function whyMissed(
  failure: unknown,
  vpcId: string,
  aclId: string | undefined,
  acl: NetworkAcl | undefined,
  current: KnownAssociation | undefined,
): string {
  if (aclId === undefined) {
    return `no blocking network access control list was created in ${vpcId}`;
  }
  if (acl === undefined) {
    return `blocking network access control list ${aclId} is gone`;
  }
  if (current === undefined) {
    return 'it has no network ACL association (was it deleted?)';
  }
  const where = `it is associated with ${current.NetworkAclId}, not with blocking network access control list ${aclId}`;
  return failure === undefined ? where : `${where} (moving it failed: ${describeError(failure)})`;
}
