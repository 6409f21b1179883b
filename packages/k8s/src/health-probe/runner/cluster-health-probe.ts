import {
  backgroundForm,
  createLogger,
  createTerminator,
  type Logger,
  parseDuration,
  runSimulation,
} from '@chaosgarden/core';
import { createKubeClient, type KubeClient } from '../../cluster/kube-client';
import { describeError, statusCodeOf } from '../../k8s-errors';
import { assertKnownOptions } from '../../known-options';
import { assessMetrics } from '../metrics/assess-metrics';
import { computeProbeMetrics } from '../metrics/compute-probe-metrics';
import { formatMetrics } from '../metrics/format-metrics';
import type { HeartbeatInput } from '../metrics/metric-types';
import { parseThresholds, substituteZoneIndexes } from '../metrics/thresholds';
import { writeProbeReport } from '../report/write-probe-report';
import { createProbeResources } from '../resources/create-probe-resources';
import { probeManifests } from '../resources/probe-manifests';
import { defaultProbeImage, webhookServiceHost } from '../resources/probe-resource-names';
import { removeProbeResources } from '../resources/remove-probe-resources';
import { createWebhookTls } from '../resources/self-signed-certificate';
import { waitForHeartbeatDefinitions } from '../resources/wait-for-definitions';
import { loadAgentSource } from './agent-source';
import { logEvents, readHeartbeats } from './collect-heartbeats';
import { detectZones } from './detect-zones';
import { HealthProbeFailedError } from './health-probe-failed-error';
import {
  type ClusterHealthProbeOptions,
  healthProbeOptionNames,
  type RollbackClusterHealthProbeOptions,
} from './health-probe-options';

const name = 'runClusterHealthProbe';

/**
 * Installs the probe (spec §2), sends the regional API heartbeat every second for `duration`, reads all
 * heartbeats back, removes the probe again (also when something failed) and compares per-probe,
 * per-zone downtime and data loss with `thresholds`. Left-overs of an earlier run are removed first.
 *
 * @returns `true` without violations; `false` with violations and `silent: true`.
 * @throws HealthProbeFailedError on violations (unless `silent`), InvalidArgumentError for bad options
 *   (before any cluster call), KubeApiError when setup or reading heartbeats fails,
 *   RollbackIncompleteError when the probe's resources did not disappear in time.
 */
export async function runClusterHealthProbe(options: ClusterHealthProbeOptions = {}): Promise<boolean> {
  assertKnownOptions(options, healthProbeOptionNames, name);
  const logger = options.logger ?? createLogger();
  const duration = parseDuration(options.duration);
  const thresholds = parseThresholds(options.thresholds);
  if (options.thresholds === null || options.thresholds === undefined) {
    logger.info('No thresholds given: every probe and zone tolerates the default of 0s downtime.');
  }
  const agentSource = options.agentSource ?? loadAgentSource();
  const image = options.image ?? process.env.CHAOSGARDEN_PROBE_IMAGE ?? defaultProbeImage;
  const signal = options.signal;
  return runSimulation({ name, logger, ...(signal ? { signal } : {}) }, async () => {
    const client = await createKubeClient(options);
    try {
      const cleanup = () => removeProbeResources({ client, logger, timeoutMs: options.cleanupTimeoutMs });
      await cleanup();
      let measured: Awaited<ReturnType<typeof probe>>;
      try {
        measured = await probe(client, { duration, agentSource, image, logger, signal });
      } catch (error) {
        await cleanup().catch((cleanupError: unknown) =>
          logger.error(`Probe cleanup failed: ${describeError(cleanupError)}`),
        );
        throw error;
      }
      await cleanup();
      const resolved = substituteZoneIndexes(thresholds, measured.zones);
      for (const line of formatMetrics(measured.metrics, resolved)) logger[line.level](line.text);
      const violations = assessMetrics(measured.metrics, resolved);
      if (options.reportDirectory !== undefined) {
        await writeProbeReport(options.reportDirectory, measured.metrics, resolved, violations, client.host);
      }
      if (violations.length === 0) return true;
      for (const violation of violations) logger.error(violation.message);
      if (options.silent === true) return false;
      throw new HealthProbeFailedError(violations);
    } finally {
      client.close();
    }
  });
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
export async function rollbackClusterHealthProbe(
  options: RollbackClusterHealthProbeOptions = {},
): Promise<void> {
  assertKnownOptions(
    options,
    ['cleanupTimeoutMs', 'kubeconfig', 'secrets', 'signal', 'logger'],
    'rollbackClusterHealthProbe',
  );
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

interface ProbeRun {
  duration: number;
  agentSource: string;
  image: string;
  logger: Logger;
  signal: AbortSignal | undefined;
}

async function probe(client: KubeClient, run: ProbeRun) {
  const { logger } = run;
  const zones = await detectZones(client, logger);
  const manifests = probeManifests({
    replicas: Math.max(1, zones.length),
    agentSource: run.agentSource,
    image: run.image,
    tls: createWebhookTls(webhookServiceHost),
  });
  await createProbeResources(client, manifests, logger);
  const pending = await waitForHeartbeatDefinitions(client, 60_000, run.signal);
  if (pending.length > 0)
    logger.warn(`Heartbeat definitions not established after 60s: ${pending.join(', ')}.`);
  const start = Math.floor(Date.now() / 1000);
  logger.info(`Probing health of ${client.host}.`);
  const terminator = createTerminator({
    duration: run.duration,
    who: name,
    logger,
    ...(run.signal ? { signal: run.signal } : {}),
  });
  let sent = 0;
  const failed: HeartbeatInput[] = [];
  let warnedAboutOtherProbe = false;
  while (!terminator.isTerminated()) {
    const heartbeatName = `api-probe-regional-${Math.floor(Date.now() / 1000)}`;
    sent++;
    try {
      await client.request({
        verb: 'create',
        path: '/apis/chaos.gardener.cloud/v1/heartbeats',
        body: {
          apiVersion: 'chaos.gardener.cloud/v1',
          kind: 'Heartbeat',
          metadata: { name: heartbeatName },
          ready: true,
        },
        timeoutMs: 5000,
        operation: `create heartbeat ${heartbeatName}`,
      });
    } catch (error) {
      logger.error(`API probe failed: ${describeError(error)}`);
      failed.push({ name: heartbeatName, ready: false });
      if (statusCodeOf(error) === 409 && !warnedAboutOtherProbe) {
        warnedAboutOtherProbe = true;
        logger.warn(
          `Heartbeat ${heartbeatName} already exists: another health probe runs against this cluster. ` +
            'Both use the same resources, so their results mix and either roll-back removes the other.',
        );
      }
    }
    await terminator.sleep(1000);
  }
  const stop = Math.floor(Date.now() / 1000);
  await logEvents(client, logger, start, stop);
  const heartbeats = [...failed, ...(await readHeartbeats(client, logger))];
  if (heartbeats.length === 0) {
    throw new Error('Probe errored (no heartbeats or insufficient runtime)!');
  }
  return { zones, metrics: computeProbeMetrics({ heartbeats, start, stop, apiHeartbeatsSent: sent }) };
}
