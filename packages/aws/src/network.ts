import {
  acquireLocalLock,
  assertRolledBack,
  createFileLedger,
  createHolderRecord,
  createLogger,
  type Logger,
  type NetworkFailureSimulationResult,
  type NetworkSimulationHooks,
  type RollbackLedger,
  type RollbackResult,
  runNetworkSimulationSequence,
  runSimulation,
} from '@chaosgarden/core';
import { describeAclHolder, describePendingChange, holderOf } from './artefacts';
import { createEc2Connection, type Ec2Connection } from './aws-client';
import type {
  AwsNetworkFailureSimulationOptions,
  AwsRollbackNetworkFailureSimulationOptions,
} from './aws-types';
import { createDriftGuard } from './drift-guard';
import { blockingAclsWithTag, createEc2Api, idsOf } from './ec2-api';
import {
  type AclReadBack,
  createNetworkContext,
  type NetworkContext,
  reprOf,
  type VpcBlockPlan,
} from './network-context';
import {
  associate,
  associateBlockingAcl,
  type CreatedBlockingAcl,
  checkBlockPlans,
  createBlockingAcl,
  planVpcBlocks,
  writeHolderTag,
} from './network-cut';
import { type NetworkInput, resolveNetworkInput } from './network-input';
import { readBackBlocks } from './network-readback';
import { rollbackVpcs } from './network-undo';
import { providerId } from './provider-id';
import { assertSelfNotAmongSubnets, findSelfInstance } from './self-instance';

/**
 * Cuts the zone's subnets off: rolls back left-overs of earlier runs first, then, per matching VPC,
 * moves the zone's matching subnets onto a new blocking network ACL (`mode`: `total`, `ingress` or
 * `egress`), waits for `duration`, and rolls back in `finally`, also after an error or an abort. The
 * sequence is core's (`runNetworkSimulationSequence`); the EC2 calls are the hooks below.
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
      const rollbackLeftovers = options.rollbackLeftovers === true;
      context.rollbackScope = { runId: context.ledger.runId, rollbackLeftovers };
      const lock = await acquireLocalLock({
        key: ['network-failure', providerId, input.settings.region, input.tagKey],
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
  const { zone, mode, filters, settings, tagKey } = input;
  const { logger } = context;
  const api = createEc2Api(connection, logger, { signal, untilAborted: false });
  // A stop lets the moves already sent finish, so that the read-back sees each one that was made.
  const blocking = api.withPolicy({ signal, untilAborted: false, letRequestsFinish: true });
  let vpcIds: string[] = [];
  let plans: VpcBlockPlan[] = [];
  const planned = () => plans.filter((plan) => plan.subnetIds.length > 0);
  const hooks: NetworkSimulationHooks<VpcBlockPlan, CreatedBlockingAcl, AclReadBack> = {
    plan: async () => {
      vpcIds = idsOf(await api.describeVpcs(filters.lists.vpcs));
      plans = await planVpcBlocks(api, vpcIds, filters.lists.subnets, zone);
      const warnings = checkBlockPlans(plans, input);
      if (options.allowSelfTarget !== true) {
        const self = await findSelfInstance(api, settings.endpoint);
        assertSelfNotAmongSubnets(
          self,
          plans.flatMap((plan) => plan.subnetIds),
        );
      }
      return {
        units: planned(),
        planned: plans.reduce((sum, plan) => sum + plan.subnetIds.length, 0),
        warnings,
      };
    },
    findLeftovers: async () =>
      (await blockingAclsWithTag(api, vpcIds, tagKey)).map((acl) => ({
        holder: holderOf(acl.Tags ?? []),
        where: `blocking network ACL ${acl.NetworkAclId ?? '?'} in ${acl.VpcId ?? '?'}, tag ${tagKey}`,
      })),
    prepare: (plan, holder) => createBlockingAcl(blocking, context, plan, mode, holder),
    block: (created) => associateBlockingAcl(blocking, context, created),
    writeHolder: (holder) => writeHolderTag(api, context, holder),
    readBack: (readSignal) =>
      readBackBlocks(api.withPolicy({ signal: readSignal, untilAborted: false }), context, plans),
    guard: (readBack, warnings) =>
      createDriftGuard(api, context, readBack, {
        signal,
        warnings,
        associate: (association, aclId, vpcId) => associate(api, context, association, aclId, vpcId),
      }),
    unblock: ({ phase, signal: undoSignal }) =>
      rollbackVpcs(
        api.withPolicy({ signal: undoSignal, untilAborted: true }),
        context,
        phase === 'leftovers' ? vpcIds : planned().map((plan) => plan.vpcId),
        filters.raw.vpcs,
        mode,
      ),
    describeChange: describePendingChange,
  };
  const result = await runNetworkSimulationSequence({
    name: 'runNetworkFailureSimulation',
    recorder: context,
    logger,
    durationSeconds: input.duration,
    signal,
    holder: createHolderRecord({ run: context.ledger.runId, durationSeconds: input.duration }),
    rollbackLeftovers: options.rollbackLeftovers === true,
    allowPartial: input.allowPartial,
    rollbackTimeoutSeconds: input.rollbackTimeoutSeconds,
    rollbackSignal: options.rollbackSignal,
    kind: 'subnets',
    blockingMessage: `Partitioning VPCs matching ${reprOf(filters.raw.vpcs)} in zone ${zone} (${mode}).`,
    words: {
      lock: `network failure simulation of zone ${zone}`,
      describe: describeAclHolder,
      rollbackHint:
        'roll its partition back first (`chaosgarden rollback --zone …`, or rollbackNetworkFailureSimulation ' +
        'with the same zone and filters)',
      undone: 'this run removed its own blocking ACLs before moving any subnet',
    },
    rollbackCommand: {
      filters: { vpcs: filters.raw.vpcs, subnets: filters.raw.subnets },
      configuration: {
        awsRegion: settings.region,
        awsEndpointUrl: settings.endpoint,
        awsProfileName: settings.profile,
        awsAssumeRoleArn: settings.assumeRole?.roleArn,
        awsAssumeRoleSessionName: settings.assumeRole?.sessionName,
      },
    },
    warnings: warnAbout([...settings.warnings], logger),
    hooks,
  });
  const { restored, removed, warnings } = result.rollback;
  return { zone, mode, ...result, rollback: { zone, restored, removed, warnings } };
}

/** Builds the call's EC2 client and releases its sockets afterwards. */
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
  options: { ledger?: RollbackLedger | undefined; stateDirectory?: string | undefined },
): NetworkContext {
  const directory = options.stateDirectory;
  const context = createNetworkContext({
    zone: input.zone,
    tagKey: input.tagKey,
    logger,
    ledger: options.ledger ?? createFileLedger(directory === undefined ? {} : { directory }),
  });
  context.endpointUrl =
    input.settings.endpoint ?? process.env.AWS_ENDPOINT_URL_EC2 ?? process.env.AWS_ENDPOINT_URL;
  return context;
}

/** Logs each warning and returns the list, for the result. */
function warnAbout(warnings: string[], logger: Logger): string[] {
  for (const warning of warnings) {
    logger.warn(warning);
  }
  return warnings;
}
