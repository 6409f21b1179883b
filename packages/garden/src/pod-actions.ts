import { backgroundForm, createLogger, type DurationInput, defineAction } from '@chaosgarden/core';
import {
  type PodFailureSimulationResult,
  type PodSelectorOptions,
  runPodFailureSimulation,
} from '@chaosgarden/k8s';
import { podDeclarations } from './garden-declarations';
import type { GardenAccessOptions } from './garden-options';
import { withGardenSession } from './garden-session';
import { type PodTarget, resolvePodTarget } from './pod-targets';
import type { ZoneReference } from './zones';

/** Options of the control-plane pod failure simulation (`kind!=DaemonSet` is always added). */
export interface GardenPodFailureSimulationOptions extends GardenAccessOptions, PodSelectorOptions {
  /** Index into the sorted zones (as nodes label them), or a zone name. Required. */
  zone?: ZoneReference | null | undefined;
  /** Shortest pod lifetime in whole seconds before it is deleted. Default 0. */
  minRuntime?: number | string | null | undefined;
  /** Longest pod lifetime in whole seconds. Default 0. */
  maxRuntime?: number | string | null | undefined;
  /** `gracePeriodSeconds` of each deletion. Default 0. */
  gracePeriod?: number | string | null | undefined;
  /** Seconds: 0 = one pass (default), > 0 = until time is up, < 0 = until stopped. */
  duration?: DurationInput;
  /** Refuse when more pods match at once. Default: no limit. */
  maxTargets?: number | undefined;
}

/** Options of the system-components and general pod failure simulations. */
export interface ShootPodFailureSimulationOptions extends GardenPodFailureSimulationOptions {
  /** Spare pods owned by a DaemonSet (adds `kind!=DaemonSet` to the owner selector). Default `false`. */
  ignoreDaemonSets?: boolean | undefined;
}

async function simulate(
  target: PodTarget,
  options: ShootPodFailureSimulationOptions,
): Promise<PodFailureSimulationResult> {
  const logger = options.logger ?? createLogger();
  const resolved = await withGardenSession(options, (session) => resolvePodTarget(session, target, options));
  return runPodFailureSimulation({
    kubeconfig: { yaml: resolved.kubeconfigYaml },
    ...resolved.selectors,
    logger,
    ...defined({
      minRuntime: options.minRuntime,
      maxRuntime: options.maxRuntime,
      gracePeriod: options.gracePeriod,
      duration: options.duration,
      maxTargets: options.maxTargets,
      strictSelectors: options.strictSelectors,
      signal: options.signal,
    }),
  });
}

/**
 * Deletes the shoot's control-plane pods (`gardener.cloud/role in (controlplane,vpa)` in its namespace on
 * the seed, no DaemonSet pods) in the zone (Python: `run_control_plane_pod_failure_simulation`).
 *
 * @throws InvalidArgumentError when the zone does not resolve against the seed's zones (never widens to
 *   every zone), GardenResourceError when the seed cannot be reached.
 */
export const runControlPlanePodFailureSimulation = defineAction(podDeclarations.controlPlane, controlPlane);

function controlPlane(options: GardenPodFailureSimulationOptions): Promise<PodFailureSimulationResult> {
  const { ignoreDaemonSets: _ignored, ...rest } = options as ShootPodFailureSimulationOptions;
  return simulate('control-plane', rest);
}

/**
 * Deletes the shoot's Gardener-managed `kube-system` pods in the zone
 * (Python: `run_system_components_pod_failure_simulation`).
 */
export const runSystemComponentsPodFailureSimulation = defineAction(
  podDeclarations.systemComponents,
  systemComponents,
);

function systemComponents(options: ShootPodFailureSimulationOptions): Promise<PodFailureSimulationResult> {
  return simulate('system-components', options);
}

/** Deletes any of the shoot's pods the selectors match in the zone (Python: `run_general_pod_failure_simulation`). */
export const runGeneralPodFailureSimulation = defineAction(podDeclarations.general, general);

function general(options: ShootPodFailureSimulationOptions): Promise<PodFailureSimulationResult> {
  return simulate('workers', options);
}

/** `runControlPlanePodFailureSimulation` in the background: returns a handle at once. */
export const runControlPlanePodFailureSimulationInBackground = backgroundForm(
  'runControlPlanePodFailureSimulation',
  runControlPlanePodFailureSimulation,
);

/** `runSystemComponentsPodFailureSimulation` in the background: returns a handle at once. */
export const runSystemComponentsPodFailureSimulationInBackground = backgroundForm(
  'runSystemComponentsPodFailureSimulation',
  runSystemComponentsPodFailureSimulation,
);

/** `runGeneralPodFailureSimulation` in the background: returns a handle at once. */
export const runGeneralPodFailureSimulationInBackground = backgroundForm(
  'runGeneralPodFailureSimulation',
  runGeneralPodFailureSimulation,
);

function defined<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>;
}
