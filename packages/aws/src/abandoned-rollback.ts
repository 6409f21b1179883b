import { dirname } from 'node:path';
import {
  describeRollbackAbandonment,
  type PendingChange,
  pendingChanges,
  type RollbackAbandonment,
  RollbackIncompleteError,
  resolveStateDirectory,
  rollbackCommandLine,
} from '@chaosgarden/core';
import type { NetworkContext } from './network-context';
import type { NetworkInput } from './network-input';
import type { RollbackOutcome } from './rollback';

/**
 * The final roll-back gave up (its deadline, a third signal, `rollbackSignal`) with something left:
 * logs each target this run still blocks, read from its roll-back ledger (no cloud call: the cloud is
 * what does not answer), leaves those changes pending there, and throws a `RollbackIncompleteError`
 * that names them and gives the `chaosgarden rollback …` command that finishes the job.
 */
export async function throwAbandonedRollback(
  context: NetworkContext,
  input: NetworkInput,
  abandonment: RollbackAbandonment,
  outcome: RollbackOutcome,
  failure: unknown,
): Promise<never> {
  const pending = pendingChanges(await context.ledger.entries()).filter(
    (change) => change.intent.provider === 'aws' && change.intent.zone === context.zone,
  );
  const stillChanged = pending.flatMap(describeChange);
  const why = describeRollbackAbandonment(abandonment);
  const command = finishingCommand(context, input);
  context.logger.error(
    `Roll-back of zone ${input.zone} abandoned (${why}): ${stillChanged.length} change(s) of this run are still in place.`,
  );
  for (const { what, line } of stillChanged) {
    context.logger.error(`${what === 'subnet' ? 'Still blocked' : 'Still in place'}: ${line}`);
  }
  // On a line of its own, ending with the command, so that it can be copied as it is.
  context.logger.error(`To finish the roll-back, run: ${command}`);
  const leftovers = [...new Set([...stillChanged.map(({ line }) => line), ...outcome.leftovers])];
  const causes = [...(failure === undefined ? [] : [failure]), ...outcome.errors];
  throw new RollbackIncompleteError({
    leftovers,
    zone: input.zone,
    abandoned: why,
    rollbackCommand: command,
    cause: new AggregateError(causes, `${causes.length} step(s) failed or were given up`),
  });
}

/** One line per target still changed: a subnet on the blocking ACL, or the blocking ACL itself. */
function describeChange(change: PendingChange): { what: 'subnet' | 'acl'; line: string }[] {
  const { intent } = change;
  const unknown = change.done === undefined ? ', if the call was carried out' : '';
  if (intent.action === 'replace-network-acl-association') {
    const state = (intent.originalState ?? {}) as { subnetId?: string; networkAclId?: string };
    const subnetId = state.subnetId ?? intent.resources[0] ?? '?';
    const line = `${subnetId} (its original network ACL is ${state.networkAclId ?? 'unknown'}${unknown})`;
    return [{ what: 'subnet', line }];
  }
  if (intent.action === 'create-network-acl') {
    const [vpcId = '?', , aclId] = change.resources;
    return [
      {
        what: 'acl',
        line: `${aclId ?? 'a blocking network ACL'} (blocking network ACL in ${vpcId}${unknown})`,
      },
    ];
  }
  // An ACL's entries go with the ACL.
  return [];
}

/** `chaosgarden rollback` for this run's zone, filters and non-secret settings, as a shell line. */
function finishingCommand(context: NetworkContext, input: NetworkInput): string {
  const { settings } = input;
  const ledgerPath = (context.ledger as { path?: unknown }).path;
  const directory = typeof ledgerPath === 'string' ? dirname(dirname(ledgerPath)) : undefined;
  return rollbackCommandLine({
    provider: 'aws',
    zone: input.zone,
    runId: context.ledger.runId,
    filters: { vpcs: input.filters.raw.vpcs, subnets: input.filters.raw.subnets },
    configuration: {
      awsRegion: settings.region,
      awsEndpointUrl: settings.endpoint,
      awsProfileName: settings.profile,
      awsAssumeRoleArn: settings.assumeRole?.roleArn,
      awsAssumeRoleSessionName: settings.assumeRole?.sessionName,
    },
    stateDirectory: directory === undefined || directory === resolveStateDirectory() ? undefined : directory,
  });
}
