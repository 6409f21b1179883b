import {
  ChaosgardenError,
  describeRollbackAbandonment,
  findPendingRuns,
  InvalidArgumentError,
  type Logger,
  type PendingRun,
  type ReconcileReport,
  startRollbackDeadline,
} from '@chaosgarden/core';
import { importPlugin, loadCloudPlugin } from '../../providers/load-function';
import { type CommandIo, commandLogger, withSignalListeners } from '../command-io';
import { exitCodes } from '../exit-codes';
import { checkRollbackFilters } from './rollback-filter-options';
import { type RollbackFlags, type RollbackRequest, rollbackRequest } from './rollback-options';
import {
  type ProbeReconcileReport,
  type RollbackReport as Report,
  summarizeRollback,
} from './rollback-summary';

/**
 * `chaosgarden rollback`: finds every left-over of earlier runs (by the roll-back ledgers and by
 * ownership marks in the cloud or cluster), undoes it, verifies, prints the reports as JSON on stdout.
 * With `--dry-run` it changes nothing and lists what it would restore and remove (the reports'
 * `wouldRestore`/`wouldRemove`, one log line each, and a count at the end).
 * Exit code 0 when nothing is (or would be) left, 1 when something could not be (or would not be)
 * restored, 2 for bad flags.
 */
export async function rollbackCommand(flags: RollbackFlags, io: CommandIo): Promise<number> {
  const logger = commandLogger(flags, io);
  try {
    const request = rollbackRequest(flags);
    const pending = await findPendingRuns(
      request.stateDirectory === undefined ? {} : { directory: request.stateDirectory },
    );
    for (const problem of pending.unreadable) logger.warn(`Unreadable ledger skipped: ${problem}`);
    // The deadline (or a third signal) gives up the retries of a cloud that does not answer.
    const deadline = startRollbackDeadline({ timeoutSeconds: request.rollbackTimeoutSeconds });
    const reports = await withSignalListeners(logger, (signal) =>
      reconcileAll(request, pending.runs, logger, AbortSignal.any([signal, deadline.signal])),
    ).finally(deadline.dispose);
    if (deadline.abandonment !== undefined) {
      logger.error(`Roll-back abandoned: ${describeRollbackAbandonment(deadline.abandonment)}.`);
    }
    io.out(`${JSON.stringify(reports, null, 2)}\n`);
    const leftovers = summarizeRollback(reports, request.dryRun, logger);
    return leftovers === 0 ? exitCodes.ok : exitCodes.failed;
  } catch (error) {
    if (!ChaosgardenError.isInstance(error)) throw error;
    logger.error(error.message, { code: error.code });
    return ['invalid-argument', 'plugin-not-installed', 'unsupported-provider'].includes(error.code)
      ? exitCodes.invalid
      : exitCodes.failed;
  }
}

async function reconcileAll(
  request: RollbackRequest,
  runs: readonly PendingRun[],
  logger: Logger,
  signal: AbortSignal,
): Promise<Report[]> {
  const reports: Report[] = [];
  for (const provider of cloudProviders(request, runs)) {
    reports.push(await reconcileCloud(provider, request, logger, signal));
  }
  const probeRuns = runs.filter(
    (run) => run.provider === 'k8s' && (request.runId === undefined || run.runId === request.runId),
  );
  const kubeconfig = request.kubeconfig;
  if (kubeconfig !== undefined && (request.provider === undefined || request.provider === 'k8s')) {
    reports.push(await reconcileProbe(kubeconfig, request, logger, signal));
  } else if (probeRuns.length > 0 && request.provider === undefined) {
    const clusters = [...new Set(probeRuns.map((run) => run.changes[0]?.intent.resources[0] ?? '?'))];
    logger.warn(
      `The ledgers name a cluster health probe that was not removed on ${clusters.join(', ')}; run again with --kubeconfig <path> for that cluster.`,
    );
  }
  if (reports.length === 0) {
    logger.info(
      'Nothing pending in the roll-back ledgers. To search a cloud for left-overs anyway, name it: --provider aws --config awsRegion=…',
    );
  }
  return reports;
}

/** `--provider`, else every cloud provider the pending ledgers name (the probe is handled apart). */
function cloudProviders(request: RollbackRequest, runs: readonly PendingRun[]): string[] {
  if (request.provider !== undefined) return request.provider === 'k8s' ? [] : [request.provider];
  const named = runs
    .filter((run) => request.runId === undefined || run.runId === request.runId)
    .map((run) => run.provider)
    .filter((provider) => provider !== 'k8s');
  return [...new Set(named)];
}

async function reconcileCloud(
  provider: string,
  request: RollbackRequest,
  logger: Logger,
  signal: AbortSignal,
): Promise<ReconcileReport> {
  const descriptor = await loadCloudPlugin(provider);
  checkRollbackFilters(descriptor, request.filters);
  const implementation = await descriptor.load();
  if (typeof implementation.reconcile !== 'function') {
    throw new InvalidArgumentError({
      argument: 'provider',
      message: `${descriptor.packageName} cannot reconcile yet; use \`chaosgarden ${provider} rollback --zone …\` with the run's filters.`,
    });
  }
  logger.info(
    `Reconciling ${provider}${request.zone === undefined ? '' : ` in zone ${request.zone}`}${request.runId === undefined ? '' : ` for run ${request.runId}`}...`,
  );
  return implementation.reconcile({
    ...(request.zone === undefined ? {} : { zone: request.zone }),
    ...(request.runId === undefined ? {} : { runId: request.runId }),
    ...(request.filters === undefined ? {} : { filters: request.filters }),
    ...(request.configuration === undefined ? {} : { configuration: request.configuration }),
    ...(request.stateDirectory === undefined ? {} : { stateDirectory: request.stateDirectory }),
    dryRun: request.dryRun,
    logger,
    signal,
  });
}

async function reconcileProbe(
  kubeconfig: string,
  request: RollbackRequest,
  logger: Logger,
  signal: AbortSignal,
): Promise<Report> {
  const k8s = await importPlugin('@chaosgarden/k8s');
  const reconcile = k8s.reconcileClusterHealthProbe as
    | ((options: object) => Promise<ProbeReconcileReport>)
    | undefined;
  if (typeof reconcile !== 'function') {
    throw new InvalidArgumentError({
      argument: 'kubeconfig',
      message: 'The installed @chaosgarden/k8s has no reconcileClusterHealthProbe; update it.',
    });
  }
  // It marks the earlier runs' probe installs undone in the ledgers itself, once it verified the cluster
  // (not in a dry run, which only reads the probe's fixed objects and its holder).
  const report = await reconcile({
    kubeconfig,
    logger,
    signal,
    dryRun: request.dryRun,
    ...(request.stateDirectory === undefined ? {} : { stateDirectory: request.stateDirectory }),
  });
  return { provider: 'k8s', ...report };
}
