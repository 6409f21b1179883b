import { backgroundForm, createLogger, defineAction } from '@chaosgarden/core';
import {
  type ClusterHealthProbeOptions,
  parseThresholds,
  type RollbackClusterHealthProbeOptions,
  rollbackClusterHealthProbe,
  runClusterHealthProbe,
  substituteZoneIndexes,
} from '@chaosgarden/k8s';
import { requestAdminKubeconfig } from './admin-kubeconfig';
import { shootProbeDeclarations } from './garden-declarations';
import type { GardenAccessOptions } from './garden-options';
import { withGardenSession } from './garden-session';
import { workerZones } from './zones';

/** Options of `runShootClusterHealthProbe`: the k8s probe's options plus garden access. */
export interface ShootClusterHealthProbeOptions
  extends GardenAccessOptions,
    Omit<ClusterHealthProbeOptions, 'kubeconfig' | 'secrets' | 'logger' | 'signal'> {}

/** Options of `rollbackShootClusterHealthProbe`. */
export interface RollbackShootClusterHealthProbeOptions
  extends GardenAccessOptions,
    Omit<RollbackClusterHealthProbeOptions, 'kubeconfig' | 'secrets' | 'logger' | 'signal'> {}

/**
 * The shoot's zones as its nodes name them, for zone indexes in thresholds (spec garden.md §6): an
 * all-digit worker zone `z` becomes `<region>-<z>` (Azure), sorted.
 */
export function thresholdZones(spec: Readonly<Record<string, unknown>> | undefined): string[] {
  const region = typeof spec?.region === 'string' ? spec.region : '';
  return workerZones(spec)
    .map((zone) => (/^\d+$/.test(zone) ? `${region}-${zone}` : zone))
    .sort();
}

async function shootAccess(options: GardenAccessOptions) {
  return withGardenSession(options, async (session) => ({
    yaml: await requestAdminKubeconfig(
      session.client,
      session.namespace,
      session.reference.shoot,
      session.signal,
    ),
    zones: thresholdZones(session.shoot.spec),
  }));
}

/**
 * Runs the cluster health probe in the shoot (Python: `run_shoot_cluster_health_probe`); zone indexes in
 * `thresholds` refer to the shoot's sorted zones.
 *
 * @returns `true` without violations, `false` with violations and `silent`.
 * @throws HealthProbeFailedError on violations (unless `silent`), and what `runClusterHealthProbe` throws.
 */
export const runShootClusterHealthProbe = defineAction(shootProbeDeclarations.healthProbe, probeShoot);

async function probeShoot(options: ShootClusterHealthProbeOptions): Promise<boolean> {
  const { configuration: _c, secrets: _s, kubeconfig: _k, logger, signal, thresholds, ...probe } = options;
  const parsed = parseThresholds(thresholds);
  const { yaml, zones } = await shootAccess(options);
  return runClusterHealthProbe({
    ...probe,
    // Already parsed: runClusterHealthProbe takes parsed thresholds as they are.
    thresholds: substituteZoneIndexes(parsed, zones) as unknown as ClusterHealthProbeOptions['thresholds'],
    kubeconfig: { yaml },
    logger: logger ?? createLogger(),
    ...(signal === undefined ? {} : { signal }),
  });
}

/** `runShootClusterHealthProbe` in the background: returns a handle at once. */
export const runShootClusterHealthProbeInBackground = backgroundForm(
  'runShootClusterHealthProbe',
  runShootClusterHealthProbe,
);

/** Removes the health probe's resources from the shoot (Python: `rollback_shoot_cluster_health_probe`). */
export const rollbackShootClusterHealthProbe = defineAction(
  shootProbeDeclarations.rollbackHealthProbe,
  removeShootProbe,
);

async function removeShootProbe(options: RollbackShootClusterHealthProbeOptions): Promise<void> {
  const { configuration: _c, secrets: _s, kubeconfig: _k, logger, signal, ...rest } = options;
  const { yaml } = await shootAccess(options);
  await rollbackClusterHealthProbe({
    ...rest,
    kubeconfig: { yaml },
    logger: logger ?? createLogger(),
    ...(signal === undefined ? {} : { signal }),
  });
}
