import type { NetworkAcl } from '@aws-sdk/client-ec2';
import type { PendingRun } from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';
import { filterChunks } from './ec2-api';

/** `gardener.cloud/chaos/chaosgarden-block-<16 hex>-<zone>`: the ownership mark of a blocking ACL. */
const blockTagPattern = /^gardener\.cloud\/chaos\/chaosgarden-block-[0-9a-f]{16}-(.+)$/;

/** A blocking ACL found by its ownership mark, the ledger, or both. */
export interface FoundAcl {
  acl: NetworkAcl;
  tagKey: string;
  zone: string;
  foundBy: ('ledger' | 'tag')[];
  /** Ledger runs that announced this ACL (by VPC and tag key, or by id). */
  runIds: string[];
}

/** What a run's ledger says it created in one region: blocking ACLs by VPC and tag key, and their ids. */
export interface LedgerBlock {
  runId: string;
  region: string | undefined;
  endpointUrl: string | undefined;
  vpcId: string;
  tagKey: string;
  aclIds: string[];
  /** Subnet → the ACL it was on before, from the ledger (to verify against afterwards). */
  originals: Map<string, string>;
}

interface CreateIntentUndo {
  findBy?: { region?: string; vpcId?: string; tagKey?: string };
  endpointUrl?: string;
}

/** The blocking ACLs each pending AWS run announced, read from its `create-network-acl` intents. */
export function ledgerBlocks(runs: readonly PendingRun[]): LedgerBlock[] {
  const blocks: LedgerBlock[] = [];
  for (const run of runs) {
    const originals = new Map<string, string>();
    for (const change of run.changes) {
      for (const { subnetId, networkAclId } of recordedOriginals(
        change.intent.action,
        change.intent.originalState,
      )) {
        originals.set(subnetId, networkAclId);
      }
    }
    for (const change of run.changes) {
      if (change.intent.action !== 'create-network-acl') continue;
      const undo = (change.intent.undo ?? {}) as CreateIntentUndo;
      const [vpcFromResources = '', tagFromResources = ''] = change.intent.resources;
      blocks.push({
        runId: run.runId,
        region: undo.findBy?.region,
        endpointUrl: undo.endpointUrl,
        vpcId: undo.findBy?.vpcId ?? vpcFromResources,
        tagKey: undo.findBy?.tagKey ?? tagFromResources,
        aclIds: (change.done?.resources ?? []).filter((id) => id.startsWith('acl-')),
        originals,
      });
    }
  }
  return blocks;
}

/**
 * The original associations an intent recorded: all of a VPC's on `create-network-acl`, one subnet's
 * on `replace-network-acl-association`.
 */
function recordedOriginals(action: string, state: unknown): { subnetId: string; networkAclId: string }[] {
  const candidates =
    action === 'create-network-acl'
      ? ((state as { associations?: unknown[] } | undefined)?.associations ?? [])
      : action === 'replace-network-acl-association'
        ? [state]
        : [];
  return candidates.filter(
    (candidate): candidate is { subnetId: string; networkAclId: string } =>
      typeof (candidate as { subnetId?: unknown } | undefined)?.subnetId === 'string' &&
      typeof (candidate as { networkAclId?: unknown } | undefined)?.networkAclId === 'string',
  );
}

/** The zone of a blocking tag key, or undefined for any other key. */
export function zoneOfBlockTag(key: string | undefined): string | undefined {
  return key === undefined ? undefined : blockTagPattern.exec(key)?.[1];
}

/**
 * Every blocking ACL in the VPCs that carries our ownership mark (for `zone`, when given; with exactly
 * `tagKey`, when given), joined with what the ledger announced there. An ACL the ledger names by id is
 * found even if its tags were changed by hand.
 */
export async function scanBlockingAcls(
  api: Ec2Api,
  vpcIds: readonly string[],
  blocks: readonly LedgerBlock[],
  narrow: { zone?: string | undefined; tagKey?: string | undefined },
): Promise<FoundAcl[]> {
  const found: FoundAcl[] = [];
  for (const chunk of filterChunks(vpcIds)) {
    for (const acl of await api.describeNetworkAcls([{ Name: 'vpc-id', Values: chunk }])) {
      const markKey = (acl.Tags ?? [])
        .map((tag) => tag.Key ?? '')
        .find((key) => zoneOfBlockTag(key) !== undefined);
      const byLedger = blocks.filter(
        (block) =>
          block.aclIds.includes(acl.NetworkAclId ?? '') ||
          (markKey !== undefined && block.vpcId === acl.VpcId && block.tagKey === markKey),
      );
      const tagKey = markKey ?? byLedger[0]?.tagKey;
      const zone = zoneOfBlockTag(tagKey);
      if (tagKey === undefined || zone === undefined) continue;
      if (narrow.zone !== undefined && zone !== narrow.zone) continue;
      if (narrow.tagKey !== undefined && tagKey !== narrow.tagKey) continue;
      found.push({
        acl,
        tagKey,
        zone,
        foundBy: [
          ...(byLedger.length > 0 ? (['ledger'] as const) : []),
          ...(markKey ? (['tag'] as const) : []),
        ],
        runIds: [...new Set(byLedger.map((block) => block.runId))],
      });
    }
  }
  return found;
}
