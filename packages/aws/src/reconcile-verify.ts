import type { Target } from '@chaosgarden/core';
import { defaultCallConcurrency, mapWithConcurrency } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import { type LedgerBlock, scanBlockingAcls, zoneOfBlockTag } from './reconcile-scan';

export interface VerifyRequest {
  vpcIds: readonly string[];
  narrow: { zone?: string | undefined; tagKey?: string | undefined };
  blocks: readonly LedgerBlock[];
  /** The ACLs reconcile set out to delete. */
  removedAclIds: readonly string[];
  /** The subnets it moved back, with the ACL each was moved to (`details.networkAclId`). */
  restored: readonly Target[];
  /** ACLs deliberately left alone (held by a running simulation). */
  skipped: readonly string[];
}

export interface Verification {
  verified: string[];
  leftovers: string[];
  warnings: string[];
}

/**
 * Reads the cloud back after reconcile: no blocking ACL with our mark may remain in scope (other than
 * the skipped ones), and every subnet restored or named in the ledgers must sit on its original ACL.
 */
export async function verifyReconciled(api: Ec2Api, request: VerifyRequest): Promise<Verification> {
  const result: Verification = { verified: [], leftovers: [], warnings: [] };
  const remaining = (await scanBlockingAcls(api, request.vpcIds, request.blocks, request.narrow)).filter(
    (entry) => !request.skipped.includes(entry.acl.NetworkAclId ?? ''),
  );
  for (const entry of remaining) {
    result.leftovers.push(
      `${entry.acl.NetworkAclId} (blocking network ACL of zone ${entry.zone} in ${entry.acl.VpcId})`,
    );
  }
  const stillThere = new Set(remaining.map((entry) => entry.acl.NetworkAclId));
  const gone = request.removedAclIds.filter((id) => !stillThere.has(id));
  if (gone.length > 0) result.verified.push(`blocking network ACL(s) ${gone.join(', ')} no longer exist`);
  if (remaining.length === 0) {
    result.verified.push(`no blocking network ACL left in ${request.vpcIds.length} VPC(s) searched`);
  }
  await verifySubnets(api, expectedAcls(request), result);
  return result;
}

/** Subnet → the ACL it must be on: what reconcile restored, else what the ledger recorded before the run. */
function expectedAcls(request: VerifyRequest): Map<string, string> {
  const expected = new Map<string, string>();
  for (const block of request.blocks) {
    for (const [subnetId, aclId] of block.originals) expected.set(subnetId, aclId);
  }
  for (const target of request.restored) {
    const aclId = target.details?.networkAclId;
    if (typeof aclId === 'string') expected.set(target.id, aclId);
  }
  return expected;
}

async function verifySubnets(
  api: Ec2Api,
  expected: Map<string, string>,
  result: Verification,
): Promise<void> {
  const current = new Map<string, { aclId: string; blocking: boolean }>();
  // One subnet per call: with several values moto matches `association.subnet-id` only for ACLs whose
  // subnets are a subset or a superset of them, which misses an ACL shared with other subnets.
  await mapWithConcurrency([...expected.keys()], defaultCallConcurrency, async (subnetId) => {
    for (const acl of await api.describeNetworkAcls([
      { Name: 'association.subnet-id', Values: [subnetId] },
    ])) {
      const blocking = (acl.Tags ?? []).some((tag) => zoneOfBlockTag(tag.Key) !== undefined);
      if ((acl.Associations ?? []).some((association) => association.SubnetId === subnetId)) {
        current.set(subnetId, { aclId: acl.NetworkAclId ?? '', blocking });
      }
    }
  });
  let onOriginal = 0;
  for (const [subnetId, aclId] of expected) {
    const now = current.get(subnetId);
    if (now === undefined) {
      result.warnings.push(
        `${subnetId} has no network ACL association any more (deleted?); nothing to verify.`,
      );
    } else if (now.blocking) {
      result.leftovers.push(`${subnetId} (still on blocking network ACL ${now.aclId})`);
    } else if (now.aclId !== aclId) {
      result.warnings.push(
        `${subnetId} is on network ACL ${now.aclId}, not on ${aclId} recorded before the run: changed since by someone else?`,
      );
    } else {
      onOriginal++;
    }
  }
  if (expected.size > 0) {
    result.verified.push(`${onOriginal} of ${expected.size} subnet(s) on their original network ACLs`);
  }
}
