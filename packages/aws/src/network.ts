import {
  acquireLocalLock,
  createLogger,
  type NetworkFailureSimulationResult,
  type RollbackResult,
  runSimulation,
  type SimulationEnd,
  type Target,
} from '@chaosgarden/core';
import type { Ec2Connection } from './aws-client';
import type {
  AwsNetworkFailureSimulationOptions,
  AwsRollbackNetworkFailureSimulationOptions,
} from './aws-types';
import { type BlockReadBack, readBackAfterStop, readBackBlocks, reportReadBack } from './block-readback';
import { assertBlockAccepted, blockStatus } from './block-status';
import { planVpcBlocks, type VpcBlockPlan } from './blocking-acl';
import { createDriftGuard } from './drift-guard';
import { createEc2Api } from './ec2-api';
import { claimZone } from './holder-claim';
import { currentHolder } from './holder-tag';
import type { NetworkContext } from './network-context';
import { assertNotHeldInCloud, blockingAclsWithTag } from './network-guard';
import { type NetworkInput, resolveNetworkInput } from './network-input';
import { checkBlockPlans } from './network-plan';
import {
  blockAll,
  finalRollback,
  idsOf,
  newContext,
  waitUntilTerminated,
  warnAbout,
  withConnection,
} from './network-steps';
import { assertSelfNotAmongSubnets, findSelfInstance } from './self-instance';
import { assertRolledBack, reprOf, rollbackVpcs } from './zone-rollback';

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
    async ({ signal }) => {
      const context = newContext(input, logger, options);
      context.holder = currentHolder(context.ledger.runId, input.duration);
      context.rollbackScope = {
        runId: context.ledger.runId,
        rollbackLeftovers: options.rollbackLeftovers === true,
      };
      const lock = await acquireLocalLock({
        key: ['network-failure', 'aws', input.settings.region, input.tagKey],
        description: `network failure simulation of zone ${input.zone} (blocking tag ${input.tagKey})`,
        runId: context.ledger.runId,
        ...(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      });
      try {
        return await withConnection(input, (connection) =>
          simulate(connection, input, context, options, signal),
        );
      } finally {
        await lock.release();
      }
    },
  );
}

/**
 * Removes every blocking network ACL this plugin (or the Python tool) created for the same zone and
 * subnets filter in the matching VPCs, after moving their subnets back to the original ACLs, whatever
 * their holder (the panic button: a warning names each holder that may still run). Safe to call
 * repeatedly. A failing call is retried until it succeeds or `signal` aborts; a process signal
 * (SIGINT, SIGTERM) waits for the roll-back instead of cutting it short.
 *
 * @throws RollbackIncompleteError naming what is left behind.
 */
export async function rollbackNetworkFailureSimulation(
  options: AwsRollbackNetworkFailureSimulationOptions,
): Promise<RollbackResult> {
  const logger = options.logger ?? createLogger();
  const input = resolveNetworkInput(options, 'rollback');
  const warnings = warnAbout([...input.settings.warnings], logger);
  const name = 'rollbackNetworkFailureSimulation';
  // Registered as a task so that a process signal waits for it, but only the caller's own signal gives
  // up its retries: a Ctrl-C must not cut a roll-back short (the Python tool finished it too).
  return runSimulation({ name, signal: options.signal, logger }, () =>
    withConnection(input, async (connection) => {
      const api = createEc2Api(connection, logger, { signal: options.signal, untilAborted: true });
      const context = newContext(input, logger, options);
      const vpcIds = idsOf(await api.describeVpcs(input.filters.lists.vpcs));
      const outcome = await rollbackVpcs(api, context, vpcIds, input.filters.raw.vpcs, input.mode);
      assertRolledBack(outcome, input.zone);
      const { restored, removed } = outcome;
      return { zone: input.zone, restored, removed, warnings: [...warnings, ...outcome.warnings] };
    }),
  );
}

async function simulate(
  connection: Ec2Connection,
  input: NetworkInput,
  context: NetworkContext,
  options: AwsNetworkFailureSimulationOptions,
  signal: AbortSignal,
): Promise<NetworkFailureSimulationResult> {
  const { zone, mode, filters } = input;
  const { logger } = context;
  const warnings = warnAbout([...input.settings.warnings], logger);
  const api = createEc2Api(connection, logger, { signal, untilAborted: false });
  const blocked: Target[] = [];
  let plans: VpcBlockPlan[] = [];
  let end: SimulationEnd = { reason: 'termination-requested', netDurationSeconds: 0 };
  let failure: unknown;
  let readBack: BlockReadBack | undefined;
  try {
    const vpcIds = idsOf(await api.describeVpcs(filters.lists.vpcs));
    plans = await planVpcBlocks(api, vpcIds, filters.lists.subnets, zone);
    warnings.push(...warnAbout(checkBlockPlans(plans, input), logger));
    assertNotHeldInCloud(await blockingAclsWithTag(api, vpcIds, context.tagKey), {
      zone,
      tagKey: context.tagKey,
      rollbackLeftovers: options.rollbackLeftovers === true,
    });
    if (options.allowSelfTarget !== true) {
      const self = await findSelfInstance(api, input.settings.endpoint);
      assertSelfNotAmongSubnets(
        self,
        plans.flatMap((plan) => plan.subnetIds),
      );
    }
    const persistent = api.withPolicy({ signal, untilAborted: true });
    const leftovers = await rollbackVpcs(persistent, context, vpcIds, filters.raw.vpcs, mode);
    assertRolledBack(leftovers, zone);
    warnings.push(...leftovers.warnings);
    logger.info(`Partitioning VPCs matching ${reprOf(filters.raw.vpcs)} in zone ${zone} (${mode}).`);
    // A stop lets the moves already sent finish, so that the read-back sees each one that was made.
    const blocking = api.withPolicy({ signal, untilAborted: false, letRequestsFinish: true });
    await blockAll(blocking, context, plans, input, blocked, () =>
      claimZone(api, context, { vpcIds, signal }),
    );
    readBack = reportReadBack(await readBackBlocks(api, context, plans), logger, warnings);
    assertBlockAccepted(readBack, {
      zone,
      allowPartial: input.allowPartial,
      failures: context.associationFailures,
    });
    const guard = createDriftGuard(api, context, readBack, { signal, warnings });
    end = await waitUntilTerminated(input.duration, logger, signal, guard);
  } catch (error) {
    failure = error;
  }
  if (readBack === undefined && failure !== undefined && signal.aborted) {
    readBack = await readBackAfterStop(
      api,
      context,
      plans,
      warnings,
      input.rollbackTimeoutSeconds,
      options.rollbackSignal,
    );
  }
  const rollback = await finalRollback(connection, context, plans, input, options.rollbackSignal, failure);
  // A stop requested while blocking is not a failure: the roll-back ran, the result says why it ended.
  if (failure !== undefined && !signal.aborted) {
    throw failure;
  }
  const planned = plans.reduce((sum, plan) => sum + plan.subnetIds.length, 0);
  const outcome = blockStatus(planned, readBack, blocked);
  return { zone, mode, ...outcome, rollback, warnings: [...warnings, ...rollback.warnings], ...end };
}
