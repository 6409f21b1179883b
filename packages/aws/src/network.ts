import {
  createFileLedger,
  createLogger,
  createTerminator,
  type Logger,
  type NetworkFailureSimulationResult,
  type RollbackResult,
  runSimulation,
  type SimulationEnd,
  type Target,
} from '@chaosgarden/core';
import { createEc2Connection, type Ec2Connection } from './aws-client';
import type {
  AwsNetworkFailureSimulationOptions,
  AwsRollbackNetworkFailureSimulationOptions,
} from './aws-types';
import { blockVpc, planVpcBlocks, type VpcBlockPlan } from './blocking-acl';
import { apiConcurrency, settleWithConcurrency } from './concurrency';
import { createEc2Api, type Ec2Api } from './ec2-api';
import { createNetworkContext, type NetworkContext } from './network-context';
import { type NetworkInput, resolveNetworkInput } from './network-input';
import { checkBlockPlans } from './network-plan';
import { assertRolledBack, reprOf, rollbackVpcs } from './zone-rollback';

/** The Python tool's network loop period. */
const waitPeriodMs = 1000;

/**
 * Cuts the zone's subnets off: rolls back left-overs of earlier runs first, then, per matching VPC,
 * moves the zone's matching subnets onto a new blocking network ACL (`mode`: `total`, `ingress` or
 * `egress`), waits for `duration`, and rolls back in `finally`, also after an error or an abort.
 *
 * @throws InvalidArgumentError, UnknownFilterKeyError, EmptyFiltersRefusedError, TooManyTargetsError before
 *   any change; CloudApiError when blocking failed (after the roll-back); RollbackIncompleteError when
 *   the roll-back left something behind (named in the message).
 */
export async function runNetworkFailureSimulation(
  options: AwsNetworkFailureSimulationOptions,
): Promise<NetworkFailureSimulationResult> {
  const logger = options.logger ?? createLogger();
  const input = resolveNetworkInput(options, 'simulation');
  return runSimulation(
    { name: 'runNetworkFailureSimulation', signal: options.signal, logger },
    ({ signal }) =>
      withConnection(input, (connection) => simulate(connection, input, options, logger, signal)),
  );
}

/**
 * Removes every blocking network ACL this plugin (or the Python tool) created for the same zone and
 * subnets filter in the matching VPCs, after moving their subnets back to the original ACLs. Safe to
 * call repeatedly. A failing call is retried until it succeeds or `signal` aborts.
 *
 * @throws RollbackIncompleteError naming what is left behind.
 */
export async function rollbackNetworkFailureSimulation(
  options: AwsRollbackNetworkFailureSimulationOptions,
): Promise<RollbackResult> {
  const logger = options.logger ?? createLogger();
  const input = resolveNetworkInput(options, 'rollback');
  warnAbout(input.settings.warnings, logger);
  return runSimulation(
    { name: 'rollbackNetworkFailureSimulation', signal: options.signal, logger },
    ({ signal }) =>
      withConnection(input, async (connection) => {
        const api = createEc2Api(connection, logger, { signal, untilAborted: true });
        const context = newContext(input, logger, options.ledger);
        const vpcIds = idsOf(await api.describeVpcs(input.filters.lists.vpcs));
        const outcome = await rollbackVpcs(api, context, vpcIds, input.filters.raw.vpcs, input.mode);
        assertRolledBack(outcome, input.zone);
        return {
          zone: input.zone,
          restored: outcome.restored,
          removed: outcome.removed,
          warnings: outcome.warnings,
        };
      }),
  );
}

async function simulate(
  connection: Ec2Connection,
  input: NetworkInput,
  options: AwsNetworkFailureSimulationOptions,
  logger: Logger,
  signal: AbortSignal,
): Promise<NetworkFailureSimulationResult> {
  const { zone, mode, filters } = input;
  const warnings = warnAbout([...input.settings.warnings], logger);
  const context = newContext(input, logger, options.ledger);
  const api = createEc2Api(connection, logger, { signal, untilAborted: false });
  const blocked: Target[] = [];
  let plans: VpcBlockPlan[] = [];
  let end: SimulationEnd = { reason: 'termination-requested', netDurationSeconds: 0 };
  let failure: unknown;
  try {
    const vpcIds = idsOf(await api.describeVpcs(filters.lists.vpcs));
    plans = await planVpcBlocks(api, vpcIds, filters.lists.subnets, zone);
    warnings.push(...warnAbout(checkBlockPlans(plans, input), logger));
    const leftovers = await rollbackVpcs(
      api.withPolicy({ signal, untilAborted: true }),
      context,
      vpcIds,
      filters.raw.vpcs,
      mode,
    );
    assertRolledBack(leftovers, zone);
    warnings.push(...leftovers.warnings);
    logger.info(`Partitioning VPCs matching ${reprOf(filters.raw.vpcs)} in zone ${zone} (${mode}).`);
    blocked.push(...(await blockAll(api, context, plans, input)));
    end = await waitUntilTerminated(input.duration, logger, signal);
  } catch (error) {
    failure = error;
  }
  const rollback = await finalRollback(connection, context, plans, input, options, failure);
  if (failure !== undefined && !signal.aborted) {
    throw failure;
  }
  return { zone, mode, blocked, rollback, warnings: [...warnings, ...rollback.warnings], ...end };
}

async function blockAll(api: Ec2Api, context: NetworkContext, plans: VpcBlockPlan[], input: NetworkInput) {
  const settled = await settleWithConcurrency(
    plans.filter((plan) => plan.subnetIds.length > 0),
    apiConcurrency,
    (plan) => blockVpc(api, context, plan, input.mode),
  );
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  return settled.flatMap((result) => (result.status === 'fulfilled' ? result.value : []));
}

async function waitUntilTerminated(
  duration: number,
  logger: Logger,
  signal: AbortSignal,
): Promise<SimulationEnd> {
  const terminator = createTerminator({ duration, who: 'runNetworkFailureSimulation', logger, signal });
  while (!terminator.isTerminated()) {
    await terminator.sleep(waitPeriodMs);
  }
  return {
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}

/** Runs only if this run changed something; its calls are retried until done or `rollbackSignal` aborts. */
async function finalRollback(
  connection: Ec2Connection,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
  input: NetworkInput,
  options: AwsNetworkFailureSimulationOptions,
  failure: unknown,
): Promise<RollbackResult> {
  if (!context.changed) {
    return { zone: input.zone, restored: [], removed: [], warnings: [] };
  }
  const api = createEc2Api(connection, context.logger, {
    signal: options.rollbackSignal,
    untilAborted: true,
  });
  const vpcIds = plans.filter((plan) => plan.subnetIds.length > 0).map((plan) => plan.vpcId);
  const outcome = await rollbackVpcs(api, context, vpcIds, input.filters.raw.vpcs, input.mode);
  assertRolledBack(outcome, input.zone, failure);
  return {
    zone: input.zone,
    restored: outcome.restored,
    removed: outcome.removed,
    warnings: outcome.warnings,
  };
}

async function withConnection<T>(
  input: NetworkInput,
  body: (connection: Ec2Connection) => Promise<T>,
): Promise<T> {
  const connection = await createEc2Connection(input.settings);
  try {
    return await body(connection);
  } finally {
    connection.client.destroy();
  }
}

function newContext(
  input: NetworkInput,
  logger: Logger,
  ledger: AwsNetworkFailureSimulationOptions['ledger'],
) {
  return createNetworkContext({
    zone: input.zone,
    tagKey: input.tagKey,
    logger,
    ledger: ledger ?? createFileLedger(),
  });
}

function idsOf(vpcs: readonly { VpcId?: string | undefined }[]): string[] {
  return vpcs.map((vpc) => vpc.VpcId ?? '').filter((id) => id !== '');
}

function warnAbout(warnings: string[], logger: Logger): string[] {
  for (const warning of warnings) {
    logger.warn(warning);
  }
  return warnings;
}
