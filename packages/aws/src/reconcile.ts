import {
  createFileLedger,
  createLogger,
  type FoundArtefact,
  filterHash,
  type Logger,
  mergeRollbackOutcomes as mergeOutcomes,
  type PendingRun,
  type ReconcileHooks,
  type ReconcileReport,
  type ReconcileSession,
  type RollbackOutcome,
  reconcileFromLedgers,
  validateZone,
} from '@chaosgarden/core';
import { awsBlockTagKey } from './artefacts';
import { createEc2Connection } from './aws-client';
import { type ResolvedAwsFilters, resolveAwsFilters } from './aws-filters';
import { resolveAwsSettings } from './aws-settings';
import type { AwsReconcileOptions } from './aws-types';
import { createEc2Api, type Ec2Api } from './ec2-api';
import { createNetworkContext } from './network-context';
import { unblockAcls } from './network-undo';
import { providerId } from './provider-id';
import { type AwsPlace, placesToLook } from './reconcile-places';
import { planUndo } from './reconcile-plan';
import { foundArtefact, withFromAcl } from './reconcile-report';
import { type FoundAcl, ledgerBlocks, scanBlockingAcls } from './reconcile-scan';
import { verifyReconciled } from './reconcile-verify';

/**
 * Finds every left-over network partition of this plugin and of the Python tool, by the roll-back
 * ledgers (pending changes of earlier runs) and by the ownership mark in the cloud (the blocking ACL's
 * zone tag), restores the subnets' original ACLs, deletes the blocking ACLs and reads everything back.
 * Narrow it with `zone`, `runId` and `filters` (VPCs, and with a zone the subnets filter's exact tag).
 * Without a region in `configuration` or the environment it looks where the ledgers' runs were.
 * ACLs held by a simulation that still runs on this machine are left alone (`leftAlone`, and a
 * warning naming the holder); ACLs whose holder is not provably over (another machine within its
 * lease, or no holder tag) are undone anyway and named in `overridden` and a warning. With `dryRun`
 * it changes nothing and lists what it would do: `wouldRestore` (each subnet, from → to ACL) and
 * `wouldRemove` (each ACL), one log line each.
 *
 * The sequence is the kit's `reconcileFromLedgers`; this file holds AWS's hooks: where to look
 * (regions and endpoints), how to scan, undo and verify there.
 *
 * @returns the report; `leftovers` names what could not be restored (empty on success).
 */
export async function reconcile(options: AwsReconcileOptions = {}): Promise<ReconcileReport> {
  const logger = options.logger ?? createLogger();
  const zone = options.zone === undefined ? undefined : validateZone(options.zone);
  const filters = resolveAwsFilters(options.filters, ['vpcs', 'subnets'], ['instances']);
  return reconcileFromLedgers({
    provider: providerId,
    hooks: awsReconcileHooks({ options, zone, filters, logger }),
    nouns: { found: 'blocking network ACL', restored: 'subnet', removed: 'ACL', place: 'region' },
    zone,
    runId: options.runId,
    stateDirectory: options.stateDirectory,
    dryRun: options.dryRun,
    signal: options.signal,
    logger,
  });
}

interface ReconcileRequest {
  options: AwsReconcileOptions;
  zone: string | undefined;
  filters: ResolvedAwsFilters;
  logger: Logger;
}

function awsReconcileHooks(request: ReconcileRequest): ReconcileHooks<AwsPlace, FoundAcl> {
  const announced = new Set<string>();
  return {
    places: (runs: readonly PendingRun[]) => {
      const blocks = ledgerBlocks(runs);
      for (const block of blocks) announced.add(block.runId);
      return placesToLook(request.options.configuration as Record<string, unknown> | undefined, blocks);
    },
    open: (place) => openPlace(place, request),
    // A run without a blocking ACL: its terminations and reboots cannot be undone at all.
    announcesArtefacts: (run) => announced.has(run.runId),
    isIrreversible: (change) => !change.intent.action.includes('network-acl'),
  };
}

/** Scan, plan, undo and verify in one region, with one EC2 client. */
async function openPlace(place: AwsPlace, request: ReconcileRequest): Promise<ReconcileSession<FoundAcl>> {
  const { options, zone, filters, logger } = request;
  const settings = resolveAwsSettings(place.configuration, options.secrets);
  const connection = await createEc2Connection(settings);
  const api = createEc2Api(connection, logger, { signal: options.signal, untilAborted: true });
  const originals = ledgerOriginals(place);
  const subnets = filters.raw.subnets as unknown[] | undefined;
  const tagKey =
    zone !== undefined && subnets !== undefined && subnets.length > 0
      ? awsBlockTagKey(filterHash(filters.raw.subnets), zone)
      : undefined;
  const narrow = { zone, tagKey };
  let vpcIds: readonly string[] = [];
  return {
    scan: async () => {
      vpcIds = await vpcsToSearch(api, filters, place, options.runId !== undefined);
      return (await scanBlockingAcls(api, vpcIds, place.blocks, narrow)).map((entry) => foundArtefact(entry));
    },
    plan: (found) => planUndo(api, found, originals, logger),
    undo: async (found) => {
      const outcome = await undo(api, found, originals, logger, options.stateDirectory);
      const acls = found.map((entry) => entry.artefact);
      return { ...outcome, restored: withFromAcl(outcome.restored, acls) };
    },
    verify: ({ undone, outcome, leftAlone }) =>
      verifyReconciled(api, {
        vpcIds,
        narrow,
        blocks: place.blocks,
        removedAclIds: undone.map((entry) => entry.artefact.acl.NetworkAclId ?? ''),
        restored: outcome.restored,
        skipped: leftAlone.map((target) => target.id),
      }),
    close: () => connection.client.destroy(),
  };
}

/** Restores and deletes the found ACLs, VPC by VPC, each with its own zone's context. */
async function undo(
  api: Ec2Api,
  found: readonly FoundArtefact<FoundAcl>[],
  originals: ReadonlyMap<string, string>,
  logger: Logger,
  stateDirectory: string | undefined,
): Promise<RollbackOutcome> {
  // The reconcile's own steps go into a ledger of their own, so a crash during reconcile shows too.
  const ledger = createFileLedger(stateDirectory === undefined ? {} : { directory: stateDirectory });
  const byVpc = new Map<string, FoundAcl[]>();
  for (const { artefact: entry } of found) {
    const vpcId = entry.acl.VpcId ?? '';
    byVpc.set(vpcId, [...(byVpc.get(vpcId) ?? []), entry]);
  }
  const outcomes: RollbackOutcome[] = [];
  for (const [vpcId, entries] of byVpc) {
    const contextFor = (acl: { NetworkAclId?: string | undefined }) => {
      const entry = entries.find((candidate) => candidate.acl.NetworkAclId === acl.NetworkAclId);
      const context = createNetworkContext({
        zone: entry?.zone ?? '?',
        tagKey: entry?.tagKey ?? '?',
        logger,
        ledger,
      });
      context.ledgerOriginals = originals;
      return context;
    };
    const acls = entries.map((entry) => entry.acl);
    outcomes.push(await unblockAcls(api, contextFor, vpcId, acls));
  }
  return mergeOutcomes(outcomes);
}

/** Subnet → original ACL from every ledger block of the place. */
function ledgerOriginals(place: AwsPlace): Map<string, string> {
  const originals = new Map<string, string>();
  for (const block of place.blocks) {
    for (const [subnetId, aclId] of block.originals) originals.set(subnetId, aclId);
  }
  return originals;
}

/** VPCs matching `filters.vpcs`; else the ledger's VPCs, plus (unless narrowed to one run) every VPC. */
async function vpcsToSearch(api: Ec2Api, filters: ResolvedAwsFilters, place: AwsPlace, oneRun: boolean) {
  const fromLedger = place.blocks.map((block) => block.vpcId);
  const idsOf = (vpcs: readonly { VpcId?: string | undefined }[]) =>
    vpcs.map((vpc) => vpc.VpcId ?? '').filter((id) => id !== '');
  if (filters.lists.vpcs.length > 0) {
    return idsOf(await api.describeVpcs(filters.lists.vpcs));
  }
  if (oneRun) {
    return [...new Set(fromLedger)];
  }
  return [...new Set([...fromLedger, ...idsOf(await api.describeVpcs([]))])];
}
