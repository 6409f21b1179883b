import { createLeaseRenewal, createTerminator, describeError, type Logger } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { writeProbeHolder } from '../guard/probe-guard';
import { type ProbeHolder, probeHolderRecord, toProbeHolder } from '../guard/probe-holder';
import { computeProbeMetrics } from '../metrics/compute-probe-metrics';
import type { HeartbeatInput } from '../metrics/metric-types';
import { logEvents, readHeartbeats } from './collect-heartbeats';

export interface MeasureOptions {
  readonly duration: number;
  readonly logger: Logger;
  readonly signal: AbortSignal;
  /** Its lease is renewed every `renewHolderEveryMs` while an open-ended probe (`duration < 0`) runs. */
  readonly holder: ProbeHolder;
  readonly renewHolderEveryMs?: number;
}

/**
 * Sends the regional API heartbeat every second until the terminator ends the loop (time up, signal),
 * then reads every heartbeat back and computes the metrics (spec §5).
 */
export async function measureClusterHealth(client: KubeClient, run: MeasureOptions) {
  const { logger } = run;
  const start = Math.floor(Date.now() / 1000);
  logger.info(`Probing health of ${client.host}.`);
  const terminator = createTerminator({
    duration: run.duration,
    who: 'runClusterHealthProbe',
    logger,
    signal: run.signal,
  });
  const { startedAt } = run.holder;
  // A failed renewal only shortens the claim; the probe itself goes on.
  const renewal = createLeaseRenewal({
    holder: probeHolderRecord(run.holder),
    write: (holder) => writeProbeHolder(client, toProbeHolder(holder, startedAt), run.signal),
    onError: (message) => logger.warn(message),
    everyMs: run.renewHolderEveryMs ?? 60_000,
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
        // Not retried: a failed heartbeat is what the regional API probe measures.
        retries: 0,
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
    if (run.duration < 0) await renewal.renewIfDue();
    await terminator.sleep(1000);
  }
  const stop = Math.floor(Date.now() / 1000);
  await logEvents(client, logger, start, stop);
  const heartbeats = [...failed, ...(await readHeartbeats(client, logger))];
  if (heartbeats.length === 0) {
    throw new Error('Probe errored (no heartbeats or insufficient runtime)!');
  }
  return computeProbeMetrics({ heartbeats, start, stop, apiHeartbeatsSent: sent });
}
