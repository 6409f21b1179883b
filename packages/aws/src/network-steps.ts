import {
  createFileLedger,
  createTerminator,
  defaultCallConcurrency,
  type Logger,
  pendingChanges,
  type RollbackLedger,
  type RollbackResult,
  type SimulationEnd,
  settleWithConcurrency,
  startRollbackDeadline,
  type Target,
  type TerminationReason,
} from '@chaosgarden/core';
import { throwAbandonedRollback } from './abandoned-rollback';
import { createEc2Connection, type Ec2Connection } from './aws-client';
import { associateBlockingAcl, createBlockingAcl, type VpcBlockPlan } from './blocking-acl';
import { createEc2Api, type Ec2Api } from './ec2-api';
import { createNetworkContext, type NetworkContext } from './network-context';
import type { NetworkInput } from './network-input';
import { assertRolledBack, rollbackVpcs } from './zone-rollback';

/** The Python tool's network loop period. */
const waitPeriodMs = 1000;

/**
 * Blocks every planned VPC that has subnets in the zone, a few at a time: creates every blocking ACL
 * first, then calls `beforeAssociating` (the claim, so that it covers all of this run's ACLs at once),
 * then moves the subnets. Blocked subnets go into `blocked` as they are done; the first failure of a
 * phase is thrown once every VPC of it settled.
 */
export async function blockAll(
  api: Ec2Api,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
  input: NetworkInput,
  blocked: Target[],
  beforeAssociating: () => Promise<void> = async () => undefined,
): Promise<void> {
  const withSubnets = plans.filter((plan) => plan.subnetIds.length > 0);
  const created = settledValues(
    await settleWithConcurrency(withSubnets, defaultCallConcurrency, (plan) =>
      createBlockingAcl(api, context, plan, input.mode),
    ),
  );
  await beforeAssociating();
  settledValues(
    await settleWithConcurrency(
      created.filter((acl) => acl !== undefined),
      defaultCallConcurrency,
      async (acl) => {
        blocked.push(...(await associateBlockingAcl(api, context, acl)));
      },
    ),
  );
}

function settledValues<T>(settled: readonly PromiseSettledResult<T>[]): T[] {
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure !== undefined) {
    throw failure.reason;
  }
  return settled.map((result) => (result as PromiseFulfilledResult<T>).value);
}

/**
 * Waits, one check per second, until the terminator ends (duration, abort or signal), or until `check`
 * (run after each sleep: the drift guard) gives a reason to end.
 */
export async function waitUntilTerminated(
  duration: number,
  logger: Logger,
  signal: AbortSignal,
  check?: () => Promise<TerminationReason | undefined>,
): Promise<SimulationEnd> {
  const terminator = createTerminator({ duration, who: 'runNetworkFailureSimulation', logger, signal });
  while (!terminator.isTerminated()) {
    await terminator.sleep(waitPeriodMs);
    const stop = check === undefined || terminator.signal.aborted ? undefined : await check();
    if (stop !== undefined) {
      return { reason: stop, netDurationSeconds: terminator.netDurationSeconds };
    }
  }
  return {
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}

/**
 * The roll-back in `finally`: runs only if this run changed something, over the VPCs it blocked; its
 * calls are retried until done, `rollbackSignal` aborts, `rollbackTimeoutSeconds` pass or a third
 * process signal arrives (then `throwAbandonedRollback` names what is left and how to finish).
 *
 * @throws RollbackIncompleteError with `failure` (what stopped the simulation, if anything) among its causes.
 */
export async function finalRollback(
  connection: Ec2Connection,
  context: NetworkContext,
  plans: readonly VpcBlockPlan[],
  input: NetworkInput,
  rollbackSignal: AbortSignal | undefined,
  failure: unknown,
): Promise<RollbackResult> {
  if (!context.changed) {
    return { zone: input.zone, restored: [], removed: [], warnings: [] };
  }
  const timeoutSeconds = input.rollbackTimeoutSeconds;
  const deadline = startRollbackDeadline({ timeoutSeconds, signal: rollbackSignal });
  const api = createEc2Api(connection, context.logger, { signal: deadline.signal, untilAborted: true });
  const vpcIds = plans.filter((plan) => plan.subnetIds.length > 0).map((plan) => plan.vpcId);
  const outcome = await rollbackVpcs(api, context, vpcIds, input.filters.raw.vpcs, input.mode).finally(
    deadline.dispose,
  );
  if (outcome.leftovers.length > 0 && deadline.abandonment !== undefined) {
    await throwAbandonedRollback(context, input, deadline.abandonment, outcome, failure);
  }
  assertRolledBack(outcome, input.zone, failure);
  await settlePendingChanges(context);
  return {
    zone: input.zone,
    restored: outcome.restored,
    removed: outcome.removed,
    warnings: outcome.warnings,
  };
}

/**
 * Once the roll-back left nothing behind, every change of this run in the zone is undone, also those
 * the roll-back did not undo one by one (an ACL's entries go with the ACL; a change a signal stopped
 * before it was made): marked so, a later reconcile does not look for them again.
 */
async function settlePendingChanges(context: NetworkContext): Promise<void> {
  const pending = pendingChanges(await context.ledger.entries()).filter(
    (change) => change.intent.provider === 'aws' && change.intent.zone === context.zone,
  );
  for (const change of pending) {
    await context.ledger.markUndone(change.intent);
  }
}

/** Builds the call's EC2 client and releases its sockets afterwards. */
export async function withConnection<T>(
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

export function newContext(
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

export function idsOf(vpcs: readonly { VpcId?: string | undefined }[]): string[] {
  return vpcs.map((vpc) => vpc.VpcId ?? '').filter((id) => id !== '');
}

/** Logs each warning and returns the list, for the result. */
export function warnAbout(warnings: string[], logger: Logger): string[] {
  for (const warning of warnings) {
    logger.warn(warning);
  }
  return warnings;
}
