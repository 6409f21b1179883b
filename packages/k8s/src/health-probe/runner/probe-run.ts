import {
  acquireLocalLock,
  type ChangeRecorder,
  describeError,
  type Logger,
  type RollbackLedger,
  recordedChange,
  SimulationLockedError,
  settlePendingChanges,
} from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { assertNoLiveProbe } from '../guard/probe-guard';
import { createProbeHolder } from '../guard/probe-holder';
import type { HealthProbeMetrics } from '../metrics/metric-types';
import { removeProbeResources } from '../resources/remove-probe-resources';
import { installProbe } from './install-probe';
import { measureClusterHealth } from './measure-cluster-health';
import { probeInstallIntent } from './probe-install-intent';

export interface ProbeRunSettings {
  readonly duration: number;
  readonly agentSource: string;
  readonly image: string;
  readonly cleanupTimeoutMs: number;
  readonly ledger: RollbackLedger;
  readonly logger: Logger;
  /** The task's signal (caller's signal or SIGINT/SIGTERM): ends set-up or probing, never the roll-back. */
  readonly signal: AbortSignal;
  /** Where the per-machine lock goes. Default `resolveStateDirectory()`. */
  readonly stateDirectory?: string | undefined;
}

export interface ProbeMeasurement {
  readonly zones: string[];
  readonly metrics: HealthProbeMetrics;
}

/**
 * One probe run against one cluster, guarded against a second probe there (a lock on this machine, the
 * holder mark in the cluster): removes left-overs, records the install in the ledger, installs, probes,
 * and removes everything again, also when set-up or probing failed or a signal arrived.
 *
 * @throws SimulationLockedError when another probe holds the cluster (nothing changed then).
 */
export async function guardedProbeRun(
  client: KubeClient,
  settings: ProbeRunSettings,
): Promise<ProbeMeasurement> {
  const { ledger, logger, signal } = settings;
  const lock = await acquireLocalLock({
    key: ['health-probe', client.host],
    description: `cluster health probe of ${client.host}`,
    runId: ledger.runId,
    ...(settings.stateDirectory === undefined ? {} : { directory: settings.stateDirectory }),
  });
  try {
    await assertNoLiveProbe(client, logger, signal);
    // Never given the signal: a roll-back that a SIGINT cut short would leave the probe behind.
    const cleanup = () => removeProbeResources({ client, logger, timeoutMs: settings.cleanupTimeoutMs });
    await cleanup();
    return await installMeasureAndRemove(client, settings, cleanup);
  } finally {
    await lock.release();
  }
}

async function installMeasureAndRemove(
  client: KubeClient,
  settings: ProbeRunSettings,
  cleanup: () => Promise<void>,
): Promise<ProbeMeasurement> {
  const { ledger, logger, signal, duration } = settings;
  const holder = createProbeHolder({ runId: ledger.runId, durationSeconds: duration });
  const entry = probeInstallIntent(client.host);
  const recorder: ChangeRecorder = { provider: entry.provider, zone: entry.zone, ledger, changed: false };
  let measured: ProbeMeasurement;
  try {
    const { result: zones } = await recordedChange(recorder, entry, () =>
      installProbe(client, { ...settings, holder }),
    );
    measured = { zones, metrics: await measureClusterHealth(client, { duration, logger, signal, holder }) };
  } catch (error) {
    if (SimulationLockedError.isInstance(error)) {
      // The resources are the other probe's: none of this run's install is in effect, and none is removed.
      await settlePendingChanges(recorder);
    } else {
      await cleanup()
        .then(() => settlePendingChanges(recorder))
        .catch((cleanupError: unknown) =>
          logger.error(`Probe cleanup failed: ${describeError(cleanupError)}`),
        );
    }
    throw error;
  }
  await cleanup();
  await settlePendingChanges(recorder);
  return measured;
}
