import {
  backgroundForm,
  createFileLedger,
  createLogger,
  defineAction,
  type Logger,
  parseDuration,
  runSimulation,
} from '@chaosgarden/core';
import { createKubeClient } from '../../cluster/kube-client';
import { clusterHealthProbeDeclaration, rollbackClusterHealthProbeDeclaration } from '../../known-options';
import { assessMetrics } from '../metrics/assess-metrics';
import { formatMetrics } from '../metrics/format-metrics';
import { parseThresholds, substituteZoneIndexes, type Thresholds } from '../metrics/thresholds';
import { writeProbeReport } from '../report/write-probe-report';
import { defaultProbeImage } from '../resources/probe-resource-names';
import { removeProbeResources } from '../resources/remove-probe-resources';
import { loadAgentSource } from './agent-source';
import { HealthProbeFailedError } from './health-probe-failed-error';
import type { ClusterHealthProbeOptions, RollbackClusterHealthProbeOptions } from './health-probe-options';
import { guardedProbeRun, type ProbeMeasurement } from './probe-run';

const name = 'runClusterHealthProbe';

/**
 * Installs the probe (spec §2), sends the regional API heartbeat every second for `duration`, reads all
 * heartbeats back, removes the probe again (also when something failed) and compares per-probe,
 * per-zone downtime and data loss with `thresholds`. Left-overs of an earlier run are removed first.
 * Refuses to start while another probe runs against the cluster (a lock on this machine, the holder
 * mark on the probe namespace, a fresh heartbeat of a probe without the mark). The install is recorded
 * in the roll-back ledger (intent before, done after creation, undone after removal).
 *
 * @returns `true` without violations; `false` with violations and `silent: true`.
 * @throws HealthProbeFailedError on violations (unless `silent`), InvalidArgumentError for bad options
 *   (before any cluster call), KubeApiError when setup or reading heartbeats fails,
 *   RollbackIncompleteError when the probe's resources did not disappear in time, SimulationLockedError
 *   when another probe holds the cluster (nothing was changed then).
 */
export const runClusterHealthProbe = defineAction(clusterHealthProbeDeclaration, probeCluster);

async function probeCluster(options: ClusterHealthProbeOptions = {}): Promise<boolean> {
  const logger = options.logger ?? createLogger();
  const duration = parseDuration(options.duration);
  const thresholds = parseThresholds(options.thresholds);
  if (options.thresholds === null || options.thresholds === undefined) {
    logger.info('No thresholds given: every probe and zone tolerates the default of 0s downtime.');
  }
  const agentSource = options.agentSource ?? loadAgentSource();
  const image = options.image ?? process.env.CHAOSGARDEN_PROBE_IMAGE ?? defaultProbeImage;
  const cleanupTimeoutMs = options.cleanupTimeoutMs ?? 180_000;
  const callerSignal = options.signal;
  return runSimulation(
    { name, logger, ...(callerSignal ? { signal: callerSignal } : {}) },
    async ({ signal }) => {
      const client = await createKubeClient(options);
      try {
        const directory = options.stateDirectory;
        const ledger = options.ledger ?? createFileLedger(directory === undefined ? {} : { directory });
        const settings = {
          duration,
          agentSource,
          image,
          cleanupTimeoutMs,
          ledger,
          logger,
          signal,
          stateDirectory: directory,
        };
        const measured = await guardedProbeRun(client, settings);
        return await assess(measured, thresholds, options, logger, client.host);
      } finally {
        client.close();
      }
    },
  );
}

async function assess(
  measured: ProbeMeasurement,
  thresholds: Thresholds,
  options: ClusterHealthProbeOptions,
  logger: Logger,
  host: string,
): Promise<boolean> {
  const resolved = substituteZoneIndexes(thresholds, measured.zones);
  for (const line of formatMetrics(measured.metrics, resolved)) logger[line.level](line.text);
  const violations = assessMetrics(measured.metrics, resolved);
  if (options.reportDirectory !== undefined) {
    await writeProbeReport(options.reportDirectory, measured.metrics, resolved, violations, host);
  }
  if (violations.length === 0) return true;
  for (const violation of violations) logger.error(violation.message);
  if (options.silent === true) return false;
  throw new HealthProbeFailedError(violations);
}

/** Starts `runClusterHealthProbe` in the background (never silent, as in the Python tool). */
export const runClusterHealthProbeInBackground = backgroundForm<ClusterHealthProbeOptions, boolean>(
  name,
  (options) => runClusterHealthProbe({ ...options, silent: false }),
);

/**
 * Removes everything the probe installs (also what the Python tool installed): pods first, then the rest,
 * waiting at most `cleanupTimeoutMs`.
 *
 * @throws RollbackIncompleteError listing what is stuck.
 */
export const rollbackClusterHealthProbe = defineAction(rollbackClusterHealthProbeDeclaration, removeProbe);

async function removeProbe(options: RollbackClusterHealthProbeOptions = {}): Promise<void> {
  const logger = options.logger ?? createLogger();
  const client = await createKubeClient(options);
  try {
    await removeProbeResources({
      client,
      logger,
      timeoutMs: options.cleanupTimeoutMs,
      signal: options.signal,
    });
  } finally {
    client.close();
  }
}
