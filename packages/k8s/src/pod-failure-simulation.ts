import {
  acquireLocalLock,
  backgroundForm,
  createLogger,
  createTerminator,
  defineAction,
  InvalidArgumentError,
  type Logger,
  pythonRepr,
  runSimulation,
} from '@chaosgarden/core';
import { createKubeClient, type KubeClient } from './cluster/kube-client';
import { KubeApiError } from './k8s-errors';
import { podFailureSimulationDeclaration } from './known-options';
import {
  type PodFailureSettings,
  type PodFailureSimulationOptions,
  type PodFailureSimulationResult,
  validatePodFailureOptions,
} from './pods/pod-failure-options';
import { PodFailureRun } from './pods/pod-failure-run';
import { formatSelector } from './selectors/parse-selector';

const name = 'runPodFailureSimulation';

/**
 * Deletes the pods the selectors match, each when its random lifetime (creation time + a whole number of
 * seconds in [minRuntime, maxRuntime]) is over, and keeps doing so for new pods until `duration` ends
 * (Python: `chaosgarden.k8s.actions.run_pod_failure_simulation`). Pods are listed and watched, not
 * polled. Failed deletions are logged, reported in `failures` and tried again 5 s later.
 *
 * Deleted pods are not restored, so there is no roll-back.
 *
 * @throws InvalidArgumentError / SelectorSyntaxError for bad options (before any cluster call),
 *   EmptySelectorsRefusedError, TooManyTargetsError (nothing deleted in that pass), KubeApiError when the
 *   first listing is refused (e.g. missing RBAC permission).
 */
export const runPodFailureSimulation = defineAction(podFailureSimulationDeclaration, simulatePodFailures);

async function simulatePodFailures(
  options: PodFailureSimulationOptions = {},
): Promise<PodFailureSimulationResult> {
  const logger = options.logger ?? createLogger();
  const settings = validatePodFailureOptions(options, logger);
  return runSimulation({ name, logger, ...(options.signal ? { signal: options.signal } : {}) }, async () => {
    const client = await createKubeClient(options);
    try {
      const { selection } = settings;
      const selectors = [
        selection.nodeLabelSelector,
        selection.metadataSelector,
        selection.ownerSelector,
      ].map(formatSelector);
      const lock = await acquireLocalLock({
        key: ['pod-failure', client.host, selection.labelSelector ?? '', ...selectors],
        description: `pod failure simulation on ${client.host} (selectors ${[selection.labelSelector ?? '', ...selectors].join(' ')})`,
        ...(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
      });
      try {
        return await simulate(client, settings, logger, options.signal);
      } finally {
        await lock.release();
      }
    } finally {
      client.close();
    }
  });
}

/**
 * Starts `runPodFailureSimulation` in the background and returns its handle at once
 * (Python: `run_pod_failure_simulation_in_background`).
 */
export const runPodFailureSimulationInBackground = backgroundForm<
  PodFailureSimulationOptions,
  PodFailureSimulationResult
>(name, runPodFailureSimulation);

async function simulate(
  client: KubeClient,
  settings: PodFailureSettings,
  logger: Logger,
  signal: AbortSignal | undefined,
): Promise<PodFailureSimulationResult> {
  const { selection } = settings;
  logger.info(
    `Terminating pods in ${client.host} matching pod_node_label_selector=${formatSelector(selection.nodeLabelSelector)}, ` +
      `pod_label_selector=${pythonRepr(selection.labelSelector ?? null)}, ` +
      `pod_metadata_selector=${formatSelector(selection.metadataSelector)}, ` +
      `pod_owner_selector=${formatSelector(selection.ownerSelector)} with runtime between ` +
      `${settings.minRuntime}s and ${settings.maxRuntime}s with a grace period of ${settings.gracePeriod}s.`,
  );
  const terminator = createTerminator({
    duration: settings.duration,
    who: name,
    logger,
    ...(signal ? { signal } : {}),
  });
  const run = new PodFailureRun({ client, settings, logger, terminator });
  try {
    await run.run();
  } catch (error) {
    throw explainFirstListFailure(error, settings);
  }
  return {
    host: client.host,
    deleted: run.deleted,
    failures: run.failures,
    requests: client.requestCounts(),
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}

/** A label selector the API server cannot parse is the caller's mistake: say which option. */
function explainFirstListFailure(error: unknown, settings: PodFailureSettings): unknown {
  const labelSelector = settings.selection.labelSelector;
  if (KubeApiError.isInstance(error) && error.statusCode === 400 && labelSelector !== undefined) {
    const cause = error.cause instanceof Error ? error.cause.message : error.message;
    return new InvalidArgumentError({
      argument: 'podLabelSelector',
      message: `The API server rejected podLabelSelector "${labelSelector}": ${cause}`,
      cause: error,
    });
  }
  return error;
}
