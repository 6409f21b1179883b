import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { describeError, type Logger, startRollbackDeadline, type Target } from '@chaosgarden/core';
import type { VpcBlockPlan } from './blocking-acl';
import type { Ec2Api } from './ec2-api';
import type { NetworkContext } from './network-context';
import { decodeOriginalAssociations } from './original-associations';
import { type KnownAssociation, vpcAssociations } from './vpc-associations';

/** A planned subnet that the read-back did not find on this run's blocking ACL. */
export interface MissedSubnet {
  subnetId: string;
  vpcId: string;
  /** Why, in words: `it is associated with acl-2, not with blocking network access control list acl-9`. */
  why: string;
}

/** What the cloud shows after blocking, compared with the plan. */
export interface BlockReadBack {
  /** How many subnets were planned. */
  planned: number;
  /** Planned subnets found on this run's blocking ACL of their VPC. */
  blocked: Target[];
  missed: MissedSubnet[];
  /** VPC id → this run's blocking ACL id, for the VPCs where one was created. */
  aclByVpc: Map<string, string>;
}

/**
 * Reads every planned subnet's association back (one `DescribeNetworkAcls` per 100 VPCs) and compares
 * it with the plan: only a subnet on the blocking ACL this run created in its VPC counts as blocked.
 */
export async function readBackBlocks(
  api: Ec2Api,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
): Promise<BlockReadBack> {
  const planned = plans.filter((plan) => plan.subnetIds.length > 0);
  const aclByVpc = blockingAclsOfRun(context);
  const { acls, bySubnet } = await vpcAssociations(
    api,
    planned.map((plan) => plan.vpcId),
  );
  const listed = new Map(acls.map((acl) => [acl.NetworkAclId ?? '', acl]));
  const readBack: BlockReadBack = { planned: 0, blocked: [], missed: [], aclByVpc };
  for (const { vpcId, subnetIds } of planned) {
    const aclId = aclByVpc.get(vpcId);
    const acl = aclId === undefined ? undefined : listed.get(aclId);
    for (const subnetId of subnetIds) {
      readBack.planned++;
      const current = bySubnet.get(subnetId);
      if (acl !== undefined && current?.NetworkAclId === aclId) {
        readBack.blocked.push(blockedTarget(context, acl, subnetId));
      } else {
        readBack.missed.push({
          subnetId,
          vpcId,
          why: whyMissed(context, subnetId, vpcId, aclId, acl, current),
        });
      }
    }
  }
  return readBack;
}

/** Logs one warning per planned subnet that is not blocked, naming it, and adds it to `warnings`. */
export function reportReadBack(readBack: BlockReadBack, logger: Logger, warnings: string[]): BlockReadBack {
  for (const { subnetId, vpcId, why } of readBack.missed) {
    const warning = `${subnetId} (VPC ${vpcId}) was planned for blocking but is not blocked: ${why}.`;
    logger.warn(warning);
    warnings.push(warning);
  }
  return readBack;
}

/**
 * The read-back after a stop that cut the set-up short, so that `blocked` says what the roll-back will
 * find. Nothing to read when nothing was changed; a failed read-back is logged, not thrown (the roll-back
 * comes next either way). It is part of the shutdown, so it is bound like the roll-back: by
 * `timeoutSeconds`, a third signal, or `rollbackSignal` (a cloud that hangs must not hold the stop up).
 */
export async function readBackAfterStop(
  api: Ec2Api,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
  warnings: string[],
  timeoutSeconds: number,
  rollbackSignal: AbortSignal | undefined,
): Promise<BlockReadBack | undefined> {
  if (!context.changed) {
    return undefined;
  }
  const deadline = startRollbackDeadline({ timeoutSeconds, signal: rollbackSignal });
  try {
    const bound = api.withPolicy({ signal: deadline.signal, untilAborted: false });
    return reportReadBack(await readBackBlocks(bound, context, plans), context.logger, warnings);
  } catch (error) {
    const warning = `Could not read the blocked subnets back after the stop: ${describeError(error)}; blocked lists the moves that reported success.`;
    context.logger.warn(warning);
    warnings.push(warning);
    return undefined;
  } finally {
    deadline.dispose();
  }
}

/** VPC id → the blocking ACL this run created there, from its own `create-network-acl` intents. */
export function blockingAclsOfRun(context: NetworkContext): Map<string, string> {
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
  context: NetworkContext,
  subnetId: string,
  vpcId: string,
  aclId: string | undefined,
  acl: NetworkAcl | undefined,
  current: KnownAssociation | undefined,
): string {
  const failure = context.associationFailures.get(subnetId);
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
