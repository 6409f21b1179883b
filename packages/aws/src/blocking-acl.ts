import {
  defaultCallConcurrency,
  mapWithConcurrency,
  type NetworkFailureMode,
  recordedChange,
  type Target,
} from '@chaosgarden/core';
import { AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY } from './artefacts';
import { associateEach } from './associate-each';
import { subnetFiltersFor } from './aws-filters';
import type { AwsFilter } from './aws-types';
import { blockingEntries } from './blocking-entries';
import type { Ec2Api } from './ec2-api';
import { holderTag } from './holder-tag';
import type { NetworkContext } from './network-context';
import { type AwsTag, encodeOriginalAssociations, type OriginalAssociation } from './original-associations';
import { type KnownAssociation, vpcAssociations } from './vpc-associations';

/** The zone's subnets of one VPC that the filters select. */
export interface VpcBlockPlan {
  vpcId: string;
  subnetIds: string[];
}

/** Lists the zone's matching subnets of every VPC (read-only), a few VPCs at a time. */
export function planVpcBlocks(
  api: Ec2Api,
  vpcIds: readonly string[],
  subnetsFilter: readonly AwsFilter[],
  zone: string,
): Promise<VpcBlockPlan[]> {
  return mapWithConcurrency(vpcIds, defaultCallConcurrency, async (vpcId) => {
    const subnets = await api.describeSubnets(subnetFiltersFor(subnetsFilter, zone, vpcId));
    return { vpcId, subnetIds: subnets.map((subnet) => subnet.SubnetId ?? '').filter((id) => id !== '') };
  });
}

/**
 * The Python tool's `block_vpc`: `createBlockingAcl`, then `associateBlockingAcl`. Returns the blocked
 * subnets.
 */
export async function blockVpc(
  api: Ec2Api,
  context: NetworkContext,
  plan: VpcBlockPlan,
  mode: NetworkFailureMode,
): Promise<Target[]> {
  const created = await createBlockingAcl(api, context, plan, mode);
  return created === undefined ? [] : associateBlockingAcl(api, context, created);
}

/** A blocking ACL with its rules, and the current associations of the subnets that are to move onto it. */
export interface CreatedBlockingAcl {
  vpcId: string;
  aclId: string;
  associations: KnownAssociation[];
}

/**
 * Creates a blocking ACL tagged with the zone key, the holder and the original associations, and adds
 * its rules; no subnet moves yet. Each change is announced in the ledger first. Undefined when none of
 * the planned subnets has an association (nothing is created then).
 */
export async function createBlockingAcl(
  api: Ec2Api,
  context: NetworkContext,
  plan: VpcBlockPlan,
  mode: NetworkFailureMode,
): Promise<CreatedBlockingAcl | undefined> {
  const associations = await currentAssociations(api, plan);
  if (associations.length === 0) {
    return undefined;
  }
  const originals: OriginalAssociation[] = associations.map((association) => ({
    subnetId: association.SubnetId,
    networkAclId: association.NetworkAclId,
  }));
  const { result: acl, intent: aclIntent } = await recordedChange(
    context,
    {
      action: 'create-network-acl',
      resources: [plan.vpcId, context.tagKey],
      originalState: { associations: originals },
      // Where to look without the original call's options: `chaosgarden rollback` reads it (no secrets).
      undo: {
        operation: 'DeleteNetworkAcl',
        findBy: { region: api.region, vpcId: plan.vpcId, tagKey: context.tagKey },
        ...(context.endpointUrl === undefined ? {} : { endpointUrl: context.endpointUrl }),
      },
    },
    () => api.createNetworkAcl(plan.vpcId, blockingTags(context, plan.vpcId, originals)),
    (created) => [created.NetworkAclId ?? ''],
  );
  const aclId = acl.NetworkAclId ?? '';
  context.intents.acls.set(aclId, aclIntent);
  await mapWithConcurrency(blockingEntries(mode), defaultCallConcurrency, (entry) =>
    recordedChange(
      context,
      {
        action: 'create-network-acl-entry',
        resources: [aclId],
        undo: { operation: 'DeleteNetworkAcl', networkAclId: aclId },
      },
      () => api.createNetworkAclEntry({ ...entry, NetworkAclId: aclId }),
    ),
  );
  context.logger.info(`Created blocking network access control list ${aclId}.`);
  return { vpcId: plan.vpcId, aclId, associations };
}

/** Moves every planned subnet of a created blocking ACL onto it, a few at a time; the blocked subnets. */
export function associateBlockingAcl(
  api: Ec2Api,
  context: NetworkContext,
  created: CreatedBlockingAcl,
): Promise<Target[]> {
  return associateEach(context, created.associations, created.aclId, (association) =>
    associate(api, context, association, created.aclId, created.vpcId),
  );
}

/** The zone tag and the original associations, packed as the Python tool does when they fit. */
function blockingTags(context: NetworkContext, vpcId: string, originals: OriginalAssociation[]): AwsTag[] {
  const recorded = encodeOriginalAssociations(originals);
  if (recorded[0]?.Key !== AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY) {
    context.logger.info(
      `Recording the original associations of ${originals.length} subnets of ${vpcId} in one tag each (they do not fit into one tag value); the Python tool cannot roll this blocking network access control list back, chaosgarden can.`,
    );
  }
  const holder = context.holder === undefined ? [] : [holderTag(context.holder)];
  return [{ Key: context.tagKey, Value: '1' }, ...holder, ...recorded];
}

/** Moves one subnet onto the blocking ACL, announced in the ledger first; also re-blocks a drifted subnet. */
export async function associate(
  api: Ec2Api,
  context: NetworkContext,
  association: KnownAssociation,
  aclId: string,
  vpcId: string,
): Promise<Target> {
  const {
    SubnetId: subnetId,
    NetworkAclAssociationId: associationId,
    NetworkAclId: originalAclId,
  } = association;
  const { intent } = await recordedChange(
    context,
    {
      action: 'replace-network-acl-association',
      resources: [subnetId, associationId],
      originalState: { subnetId, networkAclId: originalAclId },
      undo: { operation: 'ReplaceNetworkAclAssociation', subnetId, networkAclId: originalAclId },
    },
    () => api.replaceNetworkAclAssociation(associationId, aclId),
    (newAssociationId) => [newAssociationId],
  );
  context.intents.associations.set(subnetId, intent);
  context.logger.info(
    `Associated ${subnetId} (formerly via ${associationId}) with blocking network access control list.`,
  );
  return {
    kind: 'subnet',
    id: subnetId,
    zone: context.zone,
    details: { vpcId, networkAclId: aclId, originalNetworkAclId: originalAclId },
  };
}

/**
 * The current association of every planned subnet, in the Python tool's ACL-then-association order.
 * Read by VPC, not by subnet id (see `vpcAssociations`).
 */
async function currentAssociations(api: Ec2Api, plan: VpcBlockPlan): Promise<KnownAssociation[]> {
  const { bySubnet } = await vpcAssociations(api, [plan.vpcId]);
  const planned = new Set(plan.subnetIds);
  return [...bySubnet.values()].filter((association) => planned.has(association.SubnetId));
}
