import {
  createFileLedger,
  createLogger,
  filterHash,
  findPendingRuns,
  type Logger,
  markReconciled,
  type PendingRun,
  type ReconcileReport,
  type RollbackLedger,
  runSimulation,
  validateZone,
} from '@chaosgarden/core';
import { awsBlockTagKey } from './artefacts';
import { createEc2Connection } from './aws-client';
import { type ResolvedAwsFilters, resolveAwsFilters } from './aws-filters';
import { resolveAwsSettings } from './aws-settings';
import type { AwsReconcileOptions } from './aws-types';
import { createEc2Api, type Ec2Api } from './ec2-api';
import { createNetworkContext } from './network-context';
import { idsOf } from './network-steps';
import { sortByHolder } from './reconcile-holders';
import { planUndo } from './reconcile-plan';
import { emptyReport, foundTarget, mergeReport, summarize, withFromAcl } from './reconcile-report';
import { type FoundAcl, type LedgerBlock, ledgerBlocks, scanBlockingAcls } from './reconcile-scan';
import { verifyReconciled } from './reconcile-verify';
import { mergeOutcomes, type RollbackOutcome, unblockAcls } from './rollback';

/** One account endpoint and region to look in, with what the ledgers announced there. */
interface Place {
  configuration: Record<string, unknown>;
  label: string;
  blocks: LedgerBlock[];
}

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
 * @returns the report; `leftovers` names what could not be restored (empty on success).
 */
export async function reconcile(options: AwsReconcileOptions = {}): Promise<ReconcileReport> {
  const logger = options.logger ?? createLogger();
  const zone = options.zone === undefined ? undefined : validateZone(options.zone);
  const filters = resolveAwsFilters(options.filters, ['vpcs', 'subnets'], ['instances']);
  const directory = options.stateDirectory;
  return runSimulation({ name: 'reconcile', signal: options.signal, logger }, async () => {
    const pending = await findPendingRuns({
      provider: 'aws',
      ...(directory === undefined ? {} : { directory }),
      ...(options.runId === undefined ? {} : { runId: options.runId }),
      ...(zone === undefined ? {} : { zone }),
    });
    const dryRun = options.dryRun === true;
    const report = emptyReport(pending.runs, dryRun);
    report.warnings.push(...pending.unreadable.map((problem) => `Unreadable ledger skipped: ${problem}`));
    const blocks = ledgerBlocks(pending.runs);
    const places = placesToLook(options, blocks);
    if (places.length === 0) {
      logger.info('Nothing pending in the roll-back ledgers, and no region given to search the cloud in.');
    }
    const handled = new Set<string>();
    for (const place of places) {
      const result = await reconcilePlace(place, { options, zone, filters, logger });
      mergeReport(report, result.report);
      if (result.report.leftovers.length === 0) {
        for (const runId of result.runIds) handled.add(runId);
      }
    }
    if (!dryRun) {
      await settleLedgers(pending.runs, blocks, handled, places, logger, directory);
    }
    summarize(report, logger);
    return report;
  });
}

interface PlaceRequest {
  options: AwsReconcileOptions;
  zone: string | undefined;
  filters: ResolvedAwsFilters;
  logger: Logger;
}

async function reconcilePlace(place: Place, request: PlaceRequest) {
  const { options, zone, filters, logger } = request;
  const settings = resolveAwsSettings(place.configuration, options.secrets);
  const connection = await createEc2Connection(settings);
  try {
    const api = createEc2Api(connection, logger, { signal: options.signal, untilAborted: true });
    const vpcIds = await vpcsToSearch(api, filters, place, options.runId !== undefined);
    const subnets = filters.raw.subnets as unknown[] | undefined;
    const tagKey =
      zone !== undefined && subnets !== undefined && subnets.length > 0
        ? awsBlockTagKey(filterHash(filters.raw.subnets), zone)
        : undefined;
    const narrow = { zone, tagKey };
    const found = await scanBlockingAcls(api, vpcIds, place.blocks, narrow);
    const dryRun = options.dryRun === true;
    const report = emptyReport([], dryRun);
    const { workable, leftAlone, overridden, warnings } = sortByHolder(found, dryRun);
    report.leftAlone.push(...leftAlone);
    report.overridden.push(...overridden);
    report.warnings.push(...warnings);
    for (const entry of workable) {
      report.found.push(foundTarget(entry));
      logger.info(
        `Found blocking network ACL ${entry.acl.NetworkAclId} in ${entry.acl.VpcId} for zone ${entry.zone} (${place.label}; by ${entry.foundBy.join(' and ')}${entry.runIds.length > 0 ? `, run ${entry.runIds.join(', ')}` : ''}).`,
      );
    }
    const runIds = [...new Set(place.blocks.map((block) => block.runId))];
    if (dryRun) {
      const plan = await planUndo(api, workable, ledgerOriginals(place.blocks), logger);
      report.wouldRestore.push(...plan.restore);
      report.wouldRemove.push(...plan.remove);
      report.warnings.push(...plan.warnings);
      report.leftovers.push(...plan.leftovers);
      return { report, runIds };
    }
    const outcome = await undo(api, workable, ledgerOriginals(place.blocks), logger, options);
    report.restored.push(...withFromAcl(outcome.restored, workable));
    report.removed.push(...outcome.removed);
    report.warnings.push(...outcome.warnings);
    const verification = await verifyReconciled(api, {
      vpcIds,
      narrow,
      blocks: place.blocks,
      removedAclIds: workable.map((entry) => entry.acl.NetworkAclId ?? ''),
      restored: outcome.restored,
      skipped: leftAlone.map((target) => target.id),
    });
    report.verified.push(...verification.verified);
    report.leftovers.push(...outcome.leftovers, ...verification.leftovers);
    report.warnings.push(...verification.warnings);
    return { report, runIds };
  } finally {
    connection.client.destroy();
  }
}

/** Restores and deletes the found ACLs, VPC by VPC, each with its own zone's context. */
async function undo(
  api: Ec2Api,
  found: readonly FoundAcl[],
  originals: ReadonlyMap<string, string>,
  logger: Logger,
  options: AwsReconcileOptions,
): Promise<RollbackOutcome> {
  // The reconcile's own steps go into a ledger of their own, so a crash during reconcile shows too.
  const ledger: RollbackLedger = createFileLedger(
    options.stateDirectory === undefined ? {} : { directory: options.stateDirectory },
  );
  const byVpc = new Map<string, FoundAcl[]>();
  for (const entry of found) {
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
    outcomes.push(
      await unblockAcls(
        api,
        contextFor,
        vpcId,
        entries.map((entry) => entry.acl),
      ),
    );
  }
  return mergeOutcomes(outcomes);
}

/** Subnet → original ACL from every ledger block of the place. */
function ledgerOriginals(blocks: readonly LedgerBlock[]): Map<string, string> {
  const originals = new Map<string, string>();
  for (const block of blocks) {
    for (const [subnetId, aclId] of block.originals) originals.set(subnetId, aclId);
  }
  return originals;
}

/** VPCs matching `filters.vpcs`; else the ledger's VPCs, plus (unless narrowed to one run) every VPC. */
async function vpcsToSearch(api: Ec2Api, filters: ResolvedAwsFilters, place: Place, oneRun: boolean) {
  const fromLedger = place.blocks.map((block) => block.vpcId);
  if (filters.lists.vpcs.length > 0) {
    return idsOf(await api.describeVpcs(filters.lists.vpcs));
  }
  if (oneRun) {
    return [...new Set(fromLedger)];
  }
  return [...new Set([...fromLedger, ...idsOf(await api.describeVpcs([]))])];
}

/**
 * Where to look: the configured region (and endpoint), every region and endpoint the ledgers' runs
 * recorded, and, when neither says anything, the environment's region (`AWS_REGION`).
 */
function placesToLook(options: AwsReconcileOptions, blocks: readonly LedgerBlock[]): Place[] {
  const configuration = { ...((options.configuration ?? {}) as Record<string, unknown>) };
  const explicitRegion =
    (configuration.awsRegion as string | undefined) ?? (configuration.aws_region as string | undefined);
  const environmentRegion = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  const configuredEndpoint =
    (configuration.awsEndpointUrl as string | undefined) ??
    (configuration.aws_endpoint_url as string | undefined);
  const places = new Map<string, Place>();
  const placeFor = (region: string, endpoint: string | undefined) => {
    const key = JSON.stringify([region, endpoint ?? null]);
    let place = places.get(key);
    if (place === undefined) {
      const { aws_region: _region, aws_endpoint_url: _endpoint, ...rest } = configuration;
      place = {
        configuration: {
          ...rest,
          awsRegion: region,
          ...(endpoint === undefined ? {} : { awsEndpointUrl: endpoint }),
        },
        label: endpoint === undefined ? region : `${region} at ${endpoint}`,
        blocks: [],
      };
      places.set(key, place);
    }
    return place;
  };
  if (explicitRegion !== undefined && explicitRegion !== '') {
    placeFor(explicitRegion, configuredEndpoint);
  }
  for (const block of blocks) {
    const region = block.region ?? explicitRegion ?? environmentRegion;
    if (region === undefined) continue;
    placeFor(region, configuredEndpoint ?? block.endpointUrl).blocks.push(block);
  }
  // The environment's region is searched only when nothing else says where to look: a ledger's runs
  // name their own region and endpoint, and searching the environment's next to it could reach AWS
  // itself when the runs were against an emulator.
  if (places.size === 0 && environmentRegion !== undefined && environmentRegion !== '') {
    placeFor(environmentRegion, configuredEndpoint);
  }
  return [...places.values()];
}

/**
 * Marks each pending run settled in its own ledger once nothing of it is left: runs whose places were
 * reconciled without leftovers, and runs without a pending `create-network-acl`. Such a run's ACLs
 * are all deleted (that intent is marked undone only after the delete succeeded, and AWS deletes no
 * ACL that still has subnets), so its remaining entries and associations went with them; a compute
 * run's terminations and reboots cannot be undone at all.
 */
async function settleLedgers(
  runs: readonly PendingRun[],
  blocks: readonly LedgerBlock[],
  handled: ReadonlySet<string>,
  places: readonly Place[],
  logger: Logger,
  directory: string | undefined,
): Promise<void> {
  const lookedAt = new Set(places.flatMap((place) => place.blocks.map((block) => block.runId)));
  for (const run of runs) {
    const hasBlocks = blocks.some((block) => block.runId === run.runId);
    if (hasBlocks && !(lookedAt.has(run.runId) && handled.has(run.runId))) continue;
    const compute = run.changes.filter((change) => !change.intent.action.includes('network-acl'));
    if (compute.length > 0) {
      const actions = [...new Set(compute.map((change) => change.intent.action))].join(', ');
      logger.info(`Run ${run.runId} (zone ${run.zone}): ${actions} cannot be undone; marked as settled.`);
    }
    await markReconciled(run, directory === undefined ? {} : { directory });
  }
}
