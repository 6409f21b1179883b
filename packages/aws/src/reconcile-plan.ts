import type { FoundArtefact, Logger, ReconcilePlan, Target } from '@chaosgarden/core';
import { decodeOriginalAssociations } from './artefacts';
import type { Ec2Api } from './ec2-api';
import type { FoundAcl } from './reconcile-scan';

/**
 * Works out, read-only, what `unblockAcls` would do: each subnet on a found blocking ACL goes back to
 * the ACL recorded in the ACL's tags, else in the ledgers, else to its VPC's default ACL (with a
 * warning, as the roll-back does); each found ACL would then be deleted. Logs one line per step.
 */
export async function planUndo(
  api: Ec2Api,
  found: readonly FoundArtefact<FoundAcl>[],
  ledgerOriginals: ReadonlyMap<string, string>,
  logger: Logger,
): Promise<ReconcilePlan> {
  const plan = {
    wouldRestore: [] as Target[],
    wouldRemove: [] as Target[],
    warnings: [] as string[],
    leftovers: [] as string[],
  };
  const defaults = new Map<string, Promise<string | undefined>>();
  const defaultAcl = (vpcId: string) => {
    let acl = defaults.get(vpcId);
    if (acl === undefined) {
      acl = findDefaultAcl(api, vpcId);
      defaults.set(vpcId, acl);
    }
    return acl;
  };
  for (const { artefact: entry, holder } of found) {
    const aclId = entry.acl.NetworkAclId ?? '';
    const vpcId = entry.acl.VpcId ?? '';
    const { originals, problems } = decodeOriginalAssociations(entry.acl.Tags ?? []);
    plan.warnings.push(...problems.map((problem) => `${aclId}: ${problem}`));
    let complete = true;
    for (const association of entry.acl.Associations ?? []) {
      const subnetId = association.SubnetId ?? '';
      let target = originals.get(subnetId) ?? ledgerOriginals.get(subnetId);
      if (target === undefined) {
        target = await defaultAcl(vpcId);
        if (target === undefined) {
          complete = false;
          plan.leftovers.push(`${subnetId} (on ${aclId}; no original or default network ACL is known)`);
          continue;
        }
        plan.warnings.push(
          `${subnetId} is associated with blocking ACL ${aclId} but is not recorded in its tags; it would go back to the VPC's default ACL ${target}.`,
        );
      }
      plan.wouldRestore.push({
        kind: 'subnet',
        id: subnetId,
        zone: entry.zone,
        details: { vpcId, fromNetworkAclId: aclId, networkAclId: target },
      });
      logger.info(
        `Dry run: would move ${subnetId} from blocking network ACL ${aclId} back to ${target} (zone ${entry.zone}, ${vpcId}).`,
      );
    }
    if (!complete) {
      plan.leftovers.push(aclId);
      continue;
    }
    const details = { vpcId, holder: holder.description };
    plan.wouldRemove.push({ kind: 'network-acl', id: aclId, zone: entry.zone, details });
    logger.info(`Dry run: would delete blocking network ACL ${aclId} in ${vpcId} (zone ${entry.zone}).`);
  }
  return plan;
}

async function findDefaultAcl(api: Ec2Api, vpcId: string): Promise<string | undefined> {
  const acls = await api.describeNetworkAcls([
    { Name: 'vpc-id', Values: [vpcId] },
    { Name: 'default', Values: ['true'] },
  ]);
  return acls[0]?.NetworkAclId;
}
