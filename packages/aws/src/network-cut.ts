import {
  assertWithinMaxTargets,
  CloudApiError,
  defaultCallConcurrency,
  describeError,
  type HolderRecord,
  InvalidArgumentError,
  isAbortError,
  mapWithConcurrency,
  type NetworkFailureMode,
  recordedChange,
  settleWithConcurrency,
  type Target,
  TerminatedError,
} from '@chaosgarden/core';
import {
  AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY,
  type AwsTag,
  type AwsUndo,
  encodeOriginalAssociations,
  holderTag,
  MAX_SUBNETS_PER_BLOCKING_ACL,
  type OriginalAssociation,
} from './artefacts';
import { subnetFiltersFor } from './aws-filters';
import type { AwsFilter } from './aws-types';
import { type Ec2Api, type KnownAssociation, vpcAssociations } from './ec2-api';
import type { NetworkContext, VpcBlockPlan } from './network-context';

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
 * Checks the planned blocks before anything is changed: no more subnets than `maxTargets`, and no VPC
 * with more subnets than one ACL's tags can record. Returns warnings (nothing to block).
 *
 * @throws TooManyTargetsError, InvalidArgumentError.
 */
export function checkBlockPlans(
  plans: readonly VpcBlockPlan[],
  input: { zone: string; maxTargets: number | undefined },
): string[] {
  const total = plans.reduce((sum, plan) => sum + plan.subnetIds.length, 0);
  assertWithinMaxTargets({ found: total, maxTargets: input.maxTargets, kind: 'subnets', zone: input.zone });
  const crowded = plans.find((plan) => plan.subnetIds.length > MAX_SUBNETS_PER_BLOCKING_ACL);
  if (crowded !== undefined) {
    throw new InvalidArgumentError({
      argument: 'filters.subnets',
      message:
        `VPC ${crowded.vpcId} has ${crowded.subnetIds.length} matching subnets in zone ${input.zone}; one blocking ` +
        `network ACL can record at most ${MAX_SUBNETS_PER_BLOCKING_ACL} (AWS allows 50 tags). Nothing was changed. ` +
        'Narrow filters.subnets.',
    });
  }
  return total === 0
    ? [
        `No subnet in zone ${input.zone} matches filters.subnets in the ${plans.length} matching VPC(s); nothing is blocked.`,
      ]
    : [];
}

/** A blocking ACL with its rules, and the current associations of the subnets that are to move onto it. */
export interface CreatedBlockingAcl {
  vpcId: string;
  aclId: string;
  associations: KnownAssociation[];
}

/**
 * The Python tool's `block_vpc`, first half: creates a blocking ACL tagged with the zone key, the holder
 * and the original associations, and adds its rules; no subnet moves yet. Each change is announced in the
 * ledger first. Undefined when none of the planned subnets has an association (nothing is created then).
 */
export async function createBlockingAcl(
  api: Ec2Api,
  context: NetworkContext,
  plan: VpcBlockPlan,
  mode: NetworkFailureMode,
  holder: HolderRecord | undefined,
): Promise<CreatedBlockingAcl | undefined> {
  const planned = new Set(plan.subnetIds);
  // Read by VPC, not by subnet id (see `vpcAssociations`), in the Python tool's ACL-then-association order.
  const { bySubnet } = await vpcAssociations(api, [plan.vpcId]);
  const associations = [...bySubnet.values()].filter((association) => planned.has(association.SubnetId));
  if (associations.length === 0) {
    return undefined;
  }
  const originals: OriginalAssociation[] = associations.map((association) => ({
    subnetId: association.SubnetId,
    networkAclId: association.NetworkAclId,
  }));
  const { tagKey, endpointUrl } = context;
  // Where to look without the original call's options: `chaosgarden rollback` reads it (no secrets).
  const undo: AwsUndo = {
    operation: 'DeleteNetworkAcl',
    findBy: { region: api.region, vpcId: plan.vpcId, tagKey },
    ...(endpointUrl === undefined ? {} : { endpointUrl }),
  };
  const { result: acl, intent: aclIntent } = await recordedChange(
    context,
    {
      action: 'create-network-acl',
      resources: [plan.vpcId, tagKey],
      originalState: { associations: originals },
      undo,
    },
    () => api.createNetworkAcl(plan.vpcId, blockingTags(context, plan.vpcId, originals, holder)),
    (created) => [created.NetworkAclId ?? ''],
  );
  const aclId = acl.NetworkAclId ?? '';
  context.intents.acls.set(aclId, aclIntent);
  const entryUndo: AwsUndo = { operation: 'DeleteNetworkAcl', networkAclId: aclId };
  await mapWithConcurrency(blockingEntries(mode), defaultCallConcurrency, (entry) =>
    recordedChange(context, { action: 'create-network-acl-entry', resources: [aclId], undo: entryUndo }, () =>
      api.createNetworkAclEntry({ ...entry, NetworkAclId: aclId }),
    ),
  );
  context.logger.info(`Created blocking network access control list ${aclId}.`);
  return { vpcId: plan.vpcId, aclId, associations };
}

/** The zone tag, the holder and the original associations, packed as the Python tool does when they fit. */
function blockingTags(
  context: NetworkContext,
  vpcId: string,
  originals: OriginalAssociation[],
  holder: HolderRecord | undefined,
): AwsTag[] {
  const recorded = encodeOriginalAssociations(originals);
  if (recorded[0]?.Key !== AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY) {
    context.logger.info(
      `Recording the original associations of ${originals.length} subnets of ${vpcId} in one tag each (they do not fit into one tag value); the Python tool cannot roll this blocking network access control list back, chaosgarden can.`,
    );
  }
  return [
    { Key: context.tagKey, Value: '1' },
    ...(holder === undefined ? [] : [holderTag(holder)]),
    ...recorded,
  ];
}

/** Writes the holder (its claim ticket, a renewed lease) onto every blocking ACL this run created. */
export async function writeHolderTag(
  api: Ec2Api,
  context: NetworkContext,
  holder: HolderRecord,
): Promise<void> {
  const ownAclIds = [...context.intents.acls.keys()];
  if (ownAclIds.length > 0) {
    await api.createTags(ownAclIds, [holderTag(holder)]);
  }
}

/**
 * The Python tool's `block_vpc`, second half: moves every planned subnet of a created blocking ACL onto it,
 * a few at a time. A subnet whose move the cloud refused (after the retries) or that a stop cut short does
 * not stop the others: it is logged and kept in `context.associationFailures`, and the read-back after
 * blocking decides whether the partition is partial (a call cut short may still have landed).
 *
 * @returns the subnets moved.
 * @throws the first other failure (the ledger could not record a move, ...), once every move settled.
 */
export async function associateBlockingAcl(
  api: Ec2Api,
  context: NetworkContext,
  created: CreatedBlockingAcl,
): Promise<Target[]> {
  const { associations, aclId, vpcId } = created;
  const settled = await settleWithConcurrency(associations, defaultCallConcurrency, (association) =>
    associate(api, context, association, aclId, vpcId),
  );
  const fatal = settled.find((result) => result.status === 'rejected' && !isSubnetMiss(result.reason));
  if (fatal !== undefined) {
    throw (fatal as PromiseRejectedResult).reason;
  }
  const moved: Target[] = [];
  settled.forEach((result, index) => {
    if (result.status === 'fulfilled') {
      moved.push(result.value);
      return;
    }
    const subnetId = associations[index]?.SubnetId ?? '?';
    context.associationFailures.set(subnetId, result.reason);
    context.logger.warn(
      `Could not associate ${subnetId} with blocking network access control list ${aclId}: ${describeError(result.reason).replace(/\.$/, '')}.`,
    );
  });
  return moved;
}

/** The cloud refused this one move, or a stop cut it short: the other subnets can still be blocked. */
function isSubnetMiss(error: unknown): boolean {
  return CloudApiError.isInstance(error) || TerminatedError.isInstance(error) || isAbortError(error);
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
  const undo: AwsUndo = { operation: 'ReplaceNetworkAclAssociation', subnetId, networkAclId: originalAclId };
  const { intent } = await recordedChange(
    context,
    {
      action: 'replace-network-acl-association',
      resources: [subnetId, associationId],
      originalState: { subnetId, networkAclId: originalAclId },
      undo,
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

/** One rule of the blocking network ACL, in the shape of `CreateNetworkAclEntry` (without the ACL id). */
export interface BlockingEntry {
  CidrBlock?: string;
  Ipv6CidrBlock?: string;
  Egress: boolean;
  PortRange: { From: number; To: number };
  Protocol: '-1';
  RuleAction: 'allow' | 'deny';
  RuleNumber: number;
}

/**
 * The rules of the blocking ACL for `mode`. As in the Python tool, rule 1 (the lowest number, so it wins)
 * covers all IPv4 traffic in each direction: `deny` for the blocked direction(s), `allow` for the other.
 * Rule 2 does the same for IPv6 (`::/0`): the Python tool had none, so its new ACL's implicit `*` deny
 * blocked IPv6 both ways even in `ingress` or `egress` mode (spec aws.md, defect 5).
 */
export function blockingEntries(mode: NetworkFailureMode): BlockingEntry[] {
  const blocked = mode === 'total' ? ['ingress', 'egress'] : [mode];
  const entries: BlockingEntry[] = [];
  for (const direction of ['ingress', 'egress'] as const) {
    const RuleAction = blocked.includes(direction) ? 'deny' : 'allow';
    const common = {
      Egress: direction === 'egress',
      PortRange: { From: 0, To: 65535 },
      Protocol: '-1' as const,
    };
    entries.push({ ...common, CidrBlock: '0.0.0.0/0', RuleAction, RuleNumber: 1 });
    entries.push({ ...common, Ipv6CidrBlock: '::/0', RuleAction, RuleNumber: 2 });
  }
  return entries;
}
