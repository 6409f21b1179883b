import {
  type AssessFiltersImpactResult,
  backgroundForm,
  type ComputeFailureModeName,
  type ComputeFailureSimulationOptions,
  type ComputeFailureSimulationResult,
  createLogger,
  type DurationInput,
  defineAction,
  type NetworkFailureModeName,
  type NetworkFailureSimulationOptions,
  type NetworkFailureSimulationResult,
  type RollbackLedger,
  type RollbackNetworkFailureSimulationOptions,
  type RollbackResult,
} from '@chaosgarden/core';
import { prepareCloudProviderCall } from './cloud-provider-call';
import { cloudProviderDeclarations } from './garden-declarations';
import type { CloudProviderAccessOptions } from './garden-options';
import type { ZoneReference } from './zones';

/** Options every cloud-provider function takes. */
export interface CloudProviderActionOptions extends CloudProviderAccessOptions {
  /** Index into the shoot's sorted worker zones, or a zone name. Required. */
  zone?: ZoneReference | null | undefined;
  /** Refuse to act when more targets match (see the plugin). Default: no limit. */
  maxTargets?: number | undefined;
  /** Where the plugin records changes before making them. Default: the plugin's file ledger. */
  ledger?: RollbackLedger | undefined;
  /** The plugin's state directory (default ledger, per-machine locks). Default: `resolveStateDirectory()`. */
  stateDirectory?: string | undefined;
}

/** Options of `runCloudProviderComputeFailureSimulation`. */
export interface CloudProviderComputeFailureSimulationOptions extends CloudProviderActionOptions {
  /** `terminate` (default), `restart`, or a mode of the shoot's plugin's own (see its capabilities). */
  mode?: ComputeFailureModeName | undefined;
  /** Shortest machine lifetime in seconds before it is hit. Default 0. */
  minRuntime?: number | undefined;
  /** Longest machine lifetime in seconds. Default 0. */
  maxRuntime?: number | undefined;
  /** Seconds: 0 = one pass (default), > 0 = until time is up, < 0 = until stopped. */
  duration?: DurationInput;
  /** Allow the machine running this process among the targets (see the plugin). Default `false`. */
  allowSelfTarget?: boolean | undefined;
}

/** Options of `runCloudProviderNetworkFailureSimulation`. */
export interface CloudProviderNetworkFailureSimulationOptions extends CloudProviderActionOptions {
  /** `total` (default), `ingress`, `egress`, or a mode of the shoot's plugin's own (see its capabilities). */
  mode?: NetworkFailureModeName | undefined;
  /** Seconds: 0 = block and roll back at once (default), > 0 = until time is up, < 0 = until stopped. */
  duration?: DurationInput;
  /**
   * Roll back blocks of the same zone without a holder mark (the Python tool's) before blocking, instead
   * of refusing as if another run held the zone (see the plugin). Default `false`.
   */
  rollbackLeftovers?: boolean | undefined;
  /** Seconds the final roll-back may retry before it gives up (see the plugin). Default 600. */
  rollbackTimeoutSeconds?: number | undefined;
  /** Abort to give up the final roll-back (see the plugin). Default: retry until `rollbackTimeoutSeconds`. */
  rollbackSignal?: AbortSignal | undefined;
  /** Allow the machine running this process among the targets (see the plugin). Default `false`. */
  allowSelfTarget?: boolean | undefined;
  /**
   * Go on with a partial block instead of rolling back and throwing `PartialSimulationError` (see the
   * plugin). Default `false`.
   */
  allowPartial?: boolean | undefined;
}

/** Options of `rollbackCloudProviderNetworkFailureSimulation`. */
export interface RollbackCloudProviderNetworkFailureSimulationOptions extends CloudProviderActionOptions {
  /** Accepted for compatibility; the roll-back undoes every mode. */
  mode?: NetworkFailureModeName | undefined;
}

function common(options: CloudProviderActionOptions) {
  const logger = options.logger ?? createLogger();
  return {
    logger,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.maxTargets === undefined ? {} : { maxTargets: options.maxTargets }),
    ...(options.ledger === undefined ? {} : { ledger: options.ledger }),
    ...(options.stateDirectory === undefined ? {} : { stateDirectory: options.stateDirectory }),
  };
}

/**
 * Lists what the shoot's filters select in the zone on its cloud; changes nothing
 * (Python: `assess_cloud_provider_filters_impact`).
 *
 * @throws InvalidArgumentError for a missing configuration or an unknown zone (listing the known ones),
 *   PluginNotInstalledError / UnsupportedProviderError when the shoot's cloud has no installed plugin.
 */
export const assessCloudProviderFiltersImpact = defineAction(cloudProviderDeclarations.assess, assess);

async function assess(options: CloudProviderActionOptions): Promise<AssessFiltersImpactResult> {
  const base = common(options);
  const call = await prepareCloudProviderCall({ ...options, logger: base.logger });
  return call.provider.assessFiltersImpact({ ...base, ...callInput(call) });
}

/**
 * Terminates or restarts the shoot's machines in the zone (Python: `run_cloud_provider_compute_failure_simulation`).
 */
export const runCloudProviderComputeFailureSimulation = defineAction(
  cloudProviderDeclarations.compute,
  compute,
);

async function compute(
  options: CloudProviderComputeFailureSimulationOptions,
): Promise<ComputeFailureSimulationResult> {
  const base = common(options);
  const call = await prepareCloudProviderCall({ ...options, logger: base.logger });
  const input: ComputeFailureSimulationOptions<unknown, unknown, unknown> = {
    ...base,
    ...callInput(call),
    mode: options.mode,
    minRuntime: options.minRuntime,
    maxRuntime: options.maxRuntime,
    duration: options.duration,
    allowSelfTarget: options.allowSelfTarget,
  };
  return call.provider.runComputeFailureSimulation(withoutUndefined(input));
}

/**
 * Cuts the zone of the shoot off the network for `duration`, then rolls back
 * (Python: `run_cloud_provider_network_failure_simulation`).
 */
export const runCloudProviderNetworkFailureSimulation = defineAction(
  cloudProviderDeclarations.network,
  network,
);

async function network(
  options: CloudProviderNetworkFailureSimulationOptions,
): Promise<NetworkFailureSimulationResult> {
  const base = common(options);
  const call = await prepareCloudProviderCall({ ...options, logger: base.logger });
  const input: NetworkFailureSimulationOptions<unknown, unknown, unknown> = {
    ...base,
    ...callInput(call),
    mode: options.mode,
    duration: options.duration,
    rollbackLeftovers: options.rollbackLeftovers,
    rollbackSignal: options.rollbackSignal,
    rollbackTimeoutSeconds: options.rollbackTimeoutSeconds,
    allowSelfTarget: options.allowSelfTarget,
    allowPartial: options.allowPartial,
  };
  return call.provider.runNetworkFailureSimulation(withoutUndefined(input));
}

/**
 * Removes every network block chaosgarden made for the shoot's zone
 * (Python: `rollback_cloud_provider_network_failure_simulation`).
 */
export const rollbackCloudProviderNetworkFailureSimulation = defineAction(
  cloudProviderDeclarations.rollback,
  rollback,
);

async function rollback(
  options: RollbackCloudProviderNetworkFailureSimulationOptions,
): Promise<RollbackResult> {
  const base = common(options);
  const call = await prepareCloudProviderCall({ ...options, logger: base.logger });
  const input: RollbackNetworkFailureSimulationOptions<unknown, unknown, unknown> = {
    ...base,
    ...callInput(call),
    mode: options.mode,
  };
  return call.provider.rollbackNetworkFailureSimulation(withoutUndefined(input));
}

/** `runCloudProviderComputeFailureSimulation` in the background: returns a handle at once. */
export const runCloudProviderComputeFailureSimulationInBackground = backgroundForm(
  'runCloudProviderComputeFailureSimulation',
  runCloudProviderComputeFailureSimulation,
);

/** `runCloudProviderNetworkFailureSimulation` in the background; `terminate()` waits for the roll-back. */
export const runCloudProviderNetworkFailureSimulationInBackground = backgroundForm(
  'runCloudProviderNetworkFailureSimulation',
  runCloudProviderNetworkFailureSimulation,
);

function callInput(call: Awaited<ReturnType<typeof prepareCloudProviderCall>>) {
  return {
    zone: call.zone,
    filters: call.filters,
    configuration: call.configuration,
    secrets: call.secrets,
  };
}

/** The same options without the keys the caller left undefined, as plugins have always received them. */
function withoutUndefined<T extends object>(options: T): T {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as T;
}
