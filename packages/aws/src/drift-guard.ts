import type { Target, TerminationReason } from '@chaosgarden/core';
import { defaultCallConcurrency, describeError, settleWithConcurrency } from '@chaosgarden/core';
import { type Ec2Api, type KnownAssociation, vpcAssociations } from './ec2-api';
import type { AclReadBack, NetworkContext } from './network-context';

/**
 * How many checks in a row (one per loop, about a second apart) must see a subnet off the blocking ACL, or
 * some of this run's blocking ACLs gone, before the run acts on it. A roll-back from outside (the panic
 * button) first moves the subnets back and then deletes the ACLs, within a second or two: moving a subnet
 * back in between would make its `DeleteNetworkAcl` fail.
 */
export const driftConfirmations = 3;

/** A subnet the read-back found blocked, watched while the simulation waits. */
interface Watched {
  subnetId: string;
  vpcId: string;
  aclId: string;
  /** Where the roll-back puts it (the blocking ACL's tags); recorded again when it is moved back. */
  originalAclId: string | undefined;
}

/**
 * One check per loop of the wait, one `DescribeNetworkAcls` per 100 VPCs: ends the simulation with
 * `rolled-back-externally` when this run's blocking ACLs are gone, and otherwise moves a blocked subnet that
 * drifted off its blocking ACL (a person, a controller) back onto it, recorded in the ledger like the first
 * move. A failed check is logged and tried again on the next loop.
 */
export function createDriftGuard(
  api: Ec2Api,
  context: NetworkContext,
  readBack: AclReadBack,
  options: {
    signal: AbortSignal;
    warnings: string[];
    /** Moves a subnet onto the blocking ACL again, recorded like the first move (`associate`). */
    associate: (association: KnownAssociation, aclId: string, vpcId: string) => Promise<Target>;
  },
): () => Promise<TerminationReason | undefined> {
  const watched = readBack.blocked.flatMap((target): Watched[] => {
    const vpcId = String(target.details?.vpcId ?? '');
    const aclId = readBack.aclByVpc.get(vpcId);
    const original = target.details?.originalNetworkAclId;
    return aclId === undefined
      ? []
      : [
          {
            subnetId: target.id,
            vpcId,
            aclId,
            originalAclId: typeof original === 'string' ? original : undefined,
          },
        ];
  });
  const ours = new Set(watched.map((subnet) => subnet.aclId));
  const vpcIds = [...new Set(watched.map((subnet) => subnet.vpcId))];
  const offSince = new Map<string, number>();
  let goneChecks = 0;
  let failing = false;
  return async () => {
    if (ours.size === 0 || options.signal.aborted) {
      return undefined;
    }
    let state: Awaited<ReturnType<typeof vpcAssociations>>;
    try {
      state = await vpcAssociations(api, vpcIds);
      failing = false;
    } catch (error) {
      if (!failing && !options.signal.aborted) {
        context.logger.warn(`Could not check the blocked subnets (trying again): ${describeError(error)}.`);
      }
      failing = true;
      return undefined;
    }
    const listed = new Set(state.acls.map((acl) => acl.NetworkAclId));
    const gone = [...ours].filter((aclId) => !listed.has(aclId));
    goneChecks = gone.length === 0 ? 0 : goneChecks + 1;
    if (gone.length === ours.size || goneChecks >= driftConfirmations) {
      context.logger.info(
        `Blocking network access control list(s) ${gone.join(', ')} of this run are gone: rolled back from outside ` +
          '(rollbackNetworkFailureSimulation, chaosgarden rollback or by hand). Ending the simulation.',
      );
      return 'rolled-back-externally';
    }
    if (gone.length > 0) {
      return undefined; // a roll-back is under way: never move a subnet back under its feet
    }
    const drifted = watched.filter((subnet) => isConfirmedDrift(subnet, state.bySubnet.get(subnet.subnetId)));
    await settleWithConcurrency(drifted, defaultCallConcurrency, (subnet) =>
      moveBack(subnet, state.bySubnet.get(subnet.subnetId)),
    );
    return undefined;
  };

  function isConfirmedDrift(subnet: Watched, current: KnownAssociation | undefined): boolean {
    if (current === undefined || current.NetworkAclId === subnet.aclId) {
      offSince.delete(subnet.subnetId); // on the blocking ACL, or deleted: nothing to move back
      return false;
    }
    const checks = (offSince.get(subnet.subnetId) ?? 0) + 1;
    offSince.set(subnet.subnetId, checks);
    return checks >= driftConfirmations;
  }

  async function moveBack(subnet: Watched, current: KnownAssociation | undefined): Promise<void> {
    if (current === undefined || options.signal.aborted) {
      return;
    }
    const { subnetId, aclId, vpcId } = subnet;
    context.logger.info(
      `${subnetId} drifted off blocking network access control list ${aclId} (now on ${current.NetworkAclId}); moving it back.`,
    );
    // The drift undid the first move: the ledger says so, and the move back is a change of its own.
    const previous = context.intents.associations.get(subnetId);
    if (previous !== undefined) {
      await context.ledger.markUndone(previous);
      context.intents.associations.delete(subnetId);
    }
    try {
      const original = subnet.originalAclId ?? current.NetworkAclId;
      await options.associate({ ...current, NetworkAclId: original }, aclId, vpcId);
      offSince.delete(subnetId);
      options.warnings.push(
        `${subnetId} was moved off blocking network access control list ${aclId} (onto ${current.NetworkAclId}) during the simulation; it was moved back.`,
      );
    } catch (error) {
      if (!options.signal.aborted) {
        context.logger.warn(
          `Could not move ${subnetId} back onto ${aclId} (trying again): ${describeError(error)}.`,
        );
      }
    }
  }
}
