import type { NetworkAcl } from '@aws-sdk/client-ec2';
import {
  defaultCallConcurrency,
  emptyRollbackOutcome,
  holderRole,
  holderState,
  type LedgerEntry,
  mergeRollbackOutcomes,
  type NetworkFailureMode,
  type RollbackOutcome,
  recordedChange,
  settleWithConcurrency,
} from '@chaosgarden/core';
import { decodeOriginalAssociations, describeAclHolder, holderOf } from './artefacts';
import type { Ec2Api } from './ec2-api';
import { type NetworkContext, reprOf } from './network-context';

/**
 * The Python tool's `rollback_network_failure_simulation` after validation: logs `Unpartitioning …` and
 * rolls back every VPC (`unblockVpc`), a few at a time. Never throws for a failed step: see the outcome's
 * `leftovers`.
 */
export async function rollbackVpcs(
  api: Ec2Api,
  context: NetworkContext,
  vpcIds: readonly string[],
  vpcsFilter: unknown,
  mode: NetworkFailureMode,
): Promise<RollbackOutcome> {
  context.logger.info(
    `Unpartitioning VPCs matching ${reprOf(vpcsFilter)} in zone ${context.zone} (${mode}).`,
  );
  const settled = await settleWithConcurrency(vpcIds, defaultCallConcurrency, (vpcId) =>
    unblockVpc(api, context, vpcId),
  );
  return mergeRollbackOutcomes(
    settled.map((result, index) => {
      if (result.status === 'fulfilled') return result.value;
      const outcome = emptyRollbackOutcome();
      outcome.leftovers.push(`${vpcIds[index] ?? '?'} (roll-back failed)`);
      outcome.errors.push(result.reason);
      return outcome;
    }),
  );
}

/**
 * The Python tool's `unblock_vpc`: finds the VPC's blocking ACLs by the zone tag key (in a simulation only
 * those `aclsToRollBack` allows) and undoes each (`unblockAcls`). Unlike the Python tool it does not stop at
 * the first problem: what could not be undone is reported as a leftover.
 */
async function unblockVpc(api: Ec2Api, context: NetworkContext, vpcId: string): Promise<RollbackOutcome> {
  let acls: NetworkAcl[];
  try {
    acls = await api.describeNetworkAcls([
      { Name: 'vpc-id', Values: [vpcId] },
      { Name: 'tag-key', Values: [context.tagKey] },
    ]);
  } catch (error) {
    const outcome = emptyRollbackOutcome();
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
 * The blocking ACLs of one VPC that a roll-back with this context undoes. A simulation's (the context has a
 * `rollbackScope`) takes only its own and left-over ones (`holderRole`); another run's ACL is left alone
 * (logged). The explicit roll-back (no scope) takes every one and warns for each holder that may still
 * run, naming it: it is the panic button.
 */
function aclsToRollBack(
  acls: readonly NetworkAcl[],
  context: NetworkContext,
): { acls: NetworkAcl[]; warnings: string[] } {
  const scope = context.rollbackScope;
  if (scope === undefined) {
    const warnings = acls.flatMap((acl) => {
      const holder = holderOf(acl.Tags ?? []);
      const state = holderState(holder);
      if (holder === undefined || state === 'dead') return [];
      const where = state === 'alive' ? 'which still runs on this machine' : 'which may still be running';
      const warning = `Overriding ${describeAclHolder(holder)}, ${where}: rolling back its blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}.`;
      context.logger.warn(warning);
      return [warning];
    });
    return { acls: [...acls], warnings };
  }
  const now = Date.now();
  const mine = acls.filter((acl) => {
    const holder = holderOf(acl.Tags ?? []);
    if (holderRole(holder, scope, now) !== 'held') return true;
    context.logger.info(
      `Leaving blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'} alone: it belongs to ${describeAclHolder(holder)}, which may still be running.`,
    );
    return false;
  });
  return { acls: mine, warnings: [] };
}

/**
 * Restores and deletes the given blocking ACLs of one VPC, one after the other: each associated subnet goes
 * back to its recorded original ACL (a subnet missing from the tags to the VPC's default ACL, with a
 * warning), then the ACL is deleted. `contextFor` gives each ACL's context (reconcile handles ACLs of
 * several zones and runs at once).
 */
export async function unblockAcls(
  api: Ec2Api,
  contextFor: (acl: NetworkAcl) => NetworkContext,
  vpcId: string,
  acls: readonly NetworkAcl[],
): Promise<RollbackOutcome> {
  const outcome = emptyRollbackOutcome();
  let defaultAcl: Promise<string | undefined> | undefined;
  const findDefault = () => {
    defaultAcl ??= api
      .describeNetworkAcls([
        { Name: 'vpc-id', Values: [vpcId] },
        { Name: 'default', Values: ['true'] },
      ])
      .then((found) => found[0]?.NetworkAclId);
    return defaultAcl;
  };
  for (const acl of acls) {
    await unblockAcl(api, contextFor(acl), acl, findDefault, outcome);
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

async function markUndone(context: NetworkContext, intent: LedgerEntry | undefined): Promise<void> {
  if (intent !== undefined) {
    await context.ledger.markUndone(intent);
  }
}
