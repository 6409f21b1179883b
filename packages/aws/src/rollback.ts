import type { NetworkAcl } from '@aws-sdk/client-ec2';
import type { LedgerEntry, Target } from '@chaosgarden/core';
import { defaultCallConcurrency, recordedChange, settleWithConcurrency } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import type { NetworkContext } from './network-context';
import { decodeOriginalAssociations } from './original-associations';
import { aclsToRollBack } from './rollback-scope';

/** What rolling back one or more VPCs achieved, and what it could not. */
export interface RollbackOutcome {
  restored: Target[];
  removed: Target[];
  warnings: string[];
  /** Artefacts still in place: blocking ACL ids and the subnets still associated with them. */
  leftovers: string[];
  errors: unknown[];
}

export function emptyOutcome(): RollbackOutcome {
  return { restored: [], removed: [], warnings: [], leftovers: [], errors: [] };
}

export function mergeOutcomes(outcomes: readonly RollbackOutcome[]): RollbackOutcome {
  const merged = emptyOutcome();
  for (const outcome of outcomes) {
    merged.restored.push(...outcome.restored);
    merged.removed.push(...outcome.removed);
    merged.warnings.push(...outcome.warnings);
    merged.leftovers.push(...outcome.leftovers);
    merged.errors.push(...outcome.errors);
  }
  return merged;
}

/**
 * The Python tool's `unblock_vpc`: finds the VPC's blocking ACLs by the zone tag key (in a simulation
 * only those `aclsToRollBack` allows), moves each associated subnet back to its recorded original ACL,
 * then deletes the blocking ACL. Unlike the Python tool it does not stop at the first problem: every subnet is tried, a subnet missing from
 * the tags goes back to the VPC's default ACL (with a warning), and what could not be undone is
 * reported as a leftover.
 */
export async function unblockVpc(
  api: Ec2Api,
  context: NetworkContext,
  vpcId: string,
): Promise<RollbackOutcome> {
  const outcome = emptyOutcome();
  let acls: NetworkAcl[];
  try {
    acls = await api.describeNetworkAcls([
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: 'tag-key', Values: [context.tagKey] },
    ]);
  } catch (error) {
    outcome.leftovers.push(`${vpcId} (its blocking network ACLs could not be listed)`);
    outcome.errors.push(error);
    return outcome;
  }
  const chosen = aclsToRollBack(acls, context);
  const unblocked = await unblockAcls(api, () => context, vpcId, chosen.acls);
  unblocked.warnings.unshift(...chosen.warnings);
  return unblocked;
}

/**
 * Restores and deletes the given blocking ACLs of one VPC, one after the other; `contextFor` gives each
 * ACL's context (reconcile handles ACLs of several zones and runs at once).
 */
export async function unblockAcls(
  api: Ec2Api,
  contextFor: (acl: NetworkAcl) => NetworkContext,
  vpcId: string,
  acls: readonly NetworkAcl[],
): Promise<RollbackOutcome> {
  const outcome = emptyOutcome();
  const defaultAcl = memoize(() => findDefaultAcl(api, vpcId));
  for (const acl of acls) {
    await unblockAcl(api, contextFor(acl), acl, defaultAcl, outcome);
  }
  return outcome;
}

async function unblockAcl(
  api: Ec2Api,
  context: NetworkContext,
  acl: NetworkAcl,
  defaultAcl: () => Promise<string | undefined>,
  outcome: RollbackOutcome,
): Promise<void> {
  const aclId = acl.NetworkAclId ?? '';
  const { originals, problems } = decodeOriginalAssociations(acl.Tags ?? []);
  outcome.warnings.push(...problems.map((problem) => `${aclId}: ${problem}`));
  const associations = acl.Associations ?? [];
  const settled = await settleWithConcurrency(associations, defaultCallConcurrency, async (association) => {
    const subnetId = association.SubnetId ?? '';
    const originalAclId =
      originals.get(subnetId) ??
      context.ledgerOriginals?.get(subnetId) ??
      (await fallBackToDefault(subnetId, aclId, defaultAcl, outcome));
    const associationId = association.NetworkAclAssociationId ?? '';
    await restoreAssociation(api, context, { aclId, subnetId, associationId, originalAclId });
    const details = { vpcId: acl.VpcId, networkAclId: originalAclId };
    outcome.restored.push({ kind: 'subnet', id: subnetId, zone: context.zone, details });
  });
  const failed = settled.flatMap((result, index) => (result.status === 'rejected' ? [index] : []));
  if (failed.length > 0) {
    outcome.errors.push(...failed.map((index) => (settled[index] as PromiseRejectedResult).reason));
    const stillBlocked = failed.map((index) => `${associations[index]?.SubnetId ?? '?'} (still on ${aclId})`);
    outcome.leftovers.push(aclId, ...stillBlocked);
    return;
  }
  await deleteBlockingAcl(api, context, acl, outcome);
}

/** A subnet on the blocking ACL but not in its tags (a manual change) goes to the VPC's default ACL. */
async function fallBackToDefault(
  subnetId: string,
  aclId: string,
  defaultAcl: () => Promise<string | undefined>,
  outcome: RollbackOutcome,
): Promise<string> {
  const fallback = await defaultAcl();
  if (fallback === undefined) {
    throw new Error(`No original or default network ACL is known for ${subnetId}.`);
  }
  outcome.warnings.push(
    `${subnetId} was associated with blocking ACL ${aclId} but is not recorded in its tags; restoring it to the VPC's default ACL ${fallback}.`,
  );
  return fallback;
}

async function deleteBlockingAcl(
  api: Ec2Api,
  context: NetworkContext,
  acl: NetworkAcl,
  outcome: RollbackOutcome,
): Promise<void> {
  const aclId = acl.NetworkAclId ?? '';
  try {
    await recordedChange(
      context,
      { action: 'delete-network-acl', resources: [aclId], role: 'rollback-step' },
      () => api.deleteNetworkAcl(aclId),
    );
  } catch (error) {
    outcome.errors.push(error);
    outcome.leftovers.push(aclId);
    return;
  }
  context.logger.info(`Deleted blocking network access control list ${aclId}.`);
  outcome.removed.push({ kind: 'network-acl', id: aclId, zone: context.zone, details: { vpcId: acl.VpcId } });
  await markUndone(context, context.intents.acls.get(aclId));
  context.intents.acls.delete(aclId);
}

async function restoreAssociation(
  api: Ec2Api,
  context: NetworkContext,
  step: { aclId: string; subnetId: string; associationId: string; originalAclId: string },
): Promise<void> {
  const { aclId, subnetId, associationId, originalAclId } = step;
  await recordedChange(
    context,
    {
      action: 'restore-network-acl-association',
      resources: [subnetId, associationId],
      role: 'rollback-step',
      // A step of a roll-back: nothing to undo, the state before it was the blocking ACL.
      originalState: { subnetId, networkAclId: aclId, restoring: originalAclId },
    },
    () => api.replaceNetworkAclAssociation(associationId, originalAclId),
    (newAssociationId) => [newAssociationId],
  );
  context.logger.info(
    `Reassociated ${subnetId} (formerly via ${associationId}) with original network access control list.`,
  );
  await markUndone(context, context.intents.associations.get(subnetId));
  context.intents.associations.delete(subnetId);
}

async function markUndone(context: NetworkContext, intent: LedgerEntry | undefined): Promise<void> {
  if (intent !== undefined) {
    await context.ledger.markUndone(intent);
  }
}

async function findDefaultAcl(api: Ec2Api, vpcId: string): Promise<string | undefined> {
  const acls = await api.describeNetworkAcls([
    { Name: 'vpc-id', Values: [vpcId] },
    { Name: 'default', Values: ['true'] },
  ]);
  return acls[0]?.NetworkAclId;
}

function memoize<T>(load: () => Promise<T>): () => Promise<T> {
  let cached: Promise<T> | undefined;
  return () => {
    cached ??= load();
    return cached;
  };
}
