import type { Instance } from '@aws-sdk/client-ec2';
import {
  type AssessFiltersImpactResult,
  createLogger,
  type Logger,
  pythonRepr,
  type Target,
  validateMaxTargets,
  validateZone,
} from '@chaosgarden/core';
import { MAX_SUBNETS_PER_BLOCKING_ACL } from './artefacts';
import { createEc2Connection } from './aws-client';
import { instanceZoneFilter, type ResolvedAwsFilters, resolveAwsFilters } from './aws-filters';
import { resolveAwsSettings } from './aws-settings';
import type { AwsAssessFiltersImpactOptions } from './aws-types';
import { createEc2Api, type Ec2Api } from './ec2-api';
import { planVpcBlocks } from './network-cut';

/** The states the Python tool's assessment listed (what a compute simulation could hit). */
const assessedStates = ['pending', 'running', 'stopping', 'stopped'];

/**
 * Lists, read-only, the instances, VPCs and subnets a zone and filters would hit, logs them as the
 * Python tool did (plus the subnets, which it did not list) and returns them as targets. Also a quick
 * check that the credentials work.
 */
export async function assessFiltersImpact(
  options: AwsAssessFiltersImpactOptions,
): Promise<AssessFiltersImpactResult> {
  const logger = options.logger ?? createLogger();
  const zone = validateZone(options.zone);
  const filters = resolveAwsFilters(options.filters, ['instances', 'vpcs'], ['subnets']);
  const maxTargets = validateMaxTargets(options.maxTargets);
  const settings = resolveAwsSettings(options.configuration, options.secrets);
  logger.info(
    `Validating client credentials and listing probably impacted instances and/or networks with the given arguments zone=${pythonRepr(zone)} and filters=${pythonRepr(filters.raw)}:`,
  );
  const connection = await createEc2Connection(settings);
  try {
    const api = createEc2Api(connection, logger, { signal: options.signal, untilAborted: false });
    const { instances, vpcs, subnets, plans } = await listTargets(api, filters, zone, logger);
    const warnings = [...settings.warnings, ...limitWarnings(instances.length, subnets.length, maxTargets)];
    for (const plan of plans.filter(
      (candidate) => candidate.subnetIds.length > MAX_SUBNETS_PER_BLOCKING_ACL,
    )) {
      warnings.push(
        `VPC ${plan.vpcId} has ${plan.subnetIds.length} matching subnets in zone ${zone}; a network simulation can block at most ${MAX_SUBNETS_PER_BLOCKING_ACL} per VPC and would refuse.`,
      );
    }
    for (const warning of warnings) {
      logger.warn(warning);
    }
    return { zone, targets: [...instances, ...vpcs, ...subnets], warnings };
  } finally {
    connection.client.destroy();
  }
}

/** The Python tool's listing (instances, then VPCs), plus the subnets a network simulation would block. */
async function listTargets(api: Ec2Api, filters: ResolvedAwsFilters, zone: string, logger: Logger) {
  const found = await api.describeInstances([
    ...filters.lists.instances,
    instanceZoneFilter(zone),
    { Name: 'instance-state-name', Values: assessedStates },
  ]);
  const instances = found.map((instance) => instanceTarget(instance, zone)).sort(byId);
  list(logger, `${instances.length} instance(s) would be impacted:`, instances);
  const vpcs: Target[] = (await api.describeVpcs(filters.lists.vpcs))
    .map((vpc) => ({ kind: 'vpc', id: vpc.VpcId ?? '' }))
    .sort(byId);
  list(logger, `${vpcs.length} VPC(s) would be impacted:`, vpcs);
  const plans = await planVpcBlocks(
    api,
    vpcs.map((vpc) => vpc.id),
    filters.lists.subnets,
    zone,
  );
  const subnets: Target[] = plans
    .flatMap((plan) =>
      plan.subnetIds.map((id) => ({ kind: 'subnet', id, zone, details: { vpcId: plan.vpcId } })),
    )
    .sort(byId);
  list(logger, `${subnets.length} subnet(s) would be impacted:`, subnets);
  return { instances, vpcs, subnets, plans };
}

function instanceTarget(instance: Instance, zone: string): Target {
  const name = instance.Tags?.find((tag) => tag.Key === 'Name')?.Value;
  return {
    kind: 'instance',
    id: instance.InstanceId ?? '',
    zone,
    ...(name === undefined ? {} : { name }),
    details: {
      state: instance.State?.Name,
      lifecycle: instance.InstanceLifecycle ?? 'normal',
      vpcId: instance.VpcId,
      subnetId: instance.SubnetId,
    },
  };
}

function list(logger: Logger, heading: string, targets: readonly Target[]): void {
  logger.info(heading);
  for (const target of targets) {
    logger.info(`- ${target.id}`);
  }
}

function limitWarnings(instances: number, subnets: number, maxTargets: number | undefined): string[] {
  if (maxTargets === undefined) {
    return [];
  }
  return [
    ...(instances > maxTargets
      ? [`${instances} instances exceed maxTargets (${maxTargets}): a compute simulation would refuse.`]
      : []),
    ...(subnets > maxTargets
      ? [`${subnets} subnets exceed maxTargets (${maxTargets}): a network simulation would refuse.`]
      : []),
  ];
}

function byId(a: Target, b: Target): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
