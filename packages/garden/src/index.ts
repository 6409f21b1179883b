export type {
  CloudProviderActionOptions,
  CloudProviderComputeFailureSimulationOptions,
  CloudProviderNetworkFailureSimulationOptions,
  RollbackCloudProviderNetworkFailureSimulationOptions,
} from './cloud-provider-actions';
export {
  assessCloudProviderFiltersImpact,
  rollbackCloudProviderNetworkFailureSimulation,
  runCloudProviderComputeFailureSimulation,
  runCloudProviderComputeFailureSimulationInBackground,
  runCloudProviderNetworkFailureSimulation,
  runCloudProviderNetworkFailureSimulationInBackground,
} from './cloud-provider-actions';
export type {
  CloudProviderAccessOptions,
  GardenAccessOptions,
  GardenConfiguration,
  ProviderClientOptions,
} from './garden-options';
export { GardenResourceError } from './garden-resource-error';
export type { PluginLookupOptions } from './plugin-registry';
export {
  cloudProviderPackages,
  loadCloudProviderPluginPackage,
  registerCloudProviderPlugin,
  resolveCloudProviderPlugin,
  unregisterCloudProviderPlugin,
} from './plugin-registry';
export type { GardenPodFailureSimulationOptions, ShootPodFailureSimulationOptions } from './pod-actions';
export {
  runControlPlanePodFailureSimulation,
  runControlPlanePodFailureSimulationInBackground,
  runGeneralPodFailureSimulation,
  runGeneralPodFailureSimulationInBackground,
  runSystemComponentsPodFailureSimulation,
  runSystemComponentsPodFailureSimulationInBackground,
} from './pod-actions';
export type {
  RollbackShootClusterHealthProbeOptions,
  ShootClusterHealthProbeOptions,
} from './shoot-health-probe';
export {
  rollbackShootClusterHealthProbe,
  runShootClusterHealthProbe,
  runShootClusterHealthProbeInBackground,
} from './shoot-health-probe';
export type { ListShootClusterKeyResourcesOptions } from './shoot-probes';
export { listShootClusterKeyResources } from './shoot-probes';
export type { ZoneReference } from './zones';
export { podZones, resolveZone, workerZones } from './zones';
