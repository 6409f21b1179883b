import { declareAction, type OptionSpecification } from '@chaosgarden/core';
import type {
  CloudProviderActionOptions,
  CloudProviderComputeFailureSimulationOptions,
  CloudProviderNetworkFailureSimulationOptions,
  RollbackCloudProviderNetworkFailureSimulationOptions,
} from './cloud-provider-actions';
import type { GardenPodFailureSimulationOptions, ShootPodFailureSimulationOptions } from './pod-actions';
import type {
  RollbackShootClusterHealthProbeOptions,
  ShootClusterHealthProbeOptions,
} from './shoot-health-probe';
import type { ListShootClusterKeyResourcesOptions } from './shoot-probes';

// The options of every exported garden function, as data: `defineAction` refuses any other top-level key
// before the garden cluster is contacted, and the CLI's `garden` commands read them.

const kind = (of: OptionSpecification['kind'], description: string): OptionSpecification => ({
  kind: of,
  description,
});
const access = {
  configuration: kind('data', 'gardenProject and gardenShoot (other keys are ignored)'),
  secrets: kind(
    'data',
    "the garden cluster's kubeconfig: kubeconfigStruct, kubeconfigYaml or kubeconfigPath",
  ),
  kubeconfig: kind('object', "the garden cluster's kubeconfig source (default: secrets, then $KUBECONFIG)"),
  logger: kind('logger', 'where progress goes'),
  signal: kind('signal', 'abort to stop; simulations roll back first'),
} as const;
const zone: OptionSpecification = {
  kind: 'zone-reference',
  required: true,
  description: "zone name, or index into the shoot's sorted zones",
};
const duration = kind('duration', '0 = one pass, > 0 = seconds, < 0 = until stopped');
const maxTargets = kind('integer', 'refuse when more targets match');
const stateDirectory = kind('string', 'directory of the default ledger and the per-machine locks');
const allowSelfTarget = kind('boolean', 'allow the machine running this among the targets');
const mode = kind('string', "failure mode, one of the plugin's capabilities");
const cloudCall = {
  ...access,
  zone,
  maxTargets,
  ledger: kind('object', 'where the plugin records changes before making them'),
  stateDirectory,
  plugins: kind('object', 'plugin descriptors to use instead of the @chaosgarden/<type> packages'),
  providerOptions: kind('data', 'per provider type: configuration and secrets merged over the mapping'),
  resolvePluginsFrom: kind('string', 'directory plugins are resolved from (default: the working directory)'),
} as const;
const pods = {
  ...access,
  zone,
  podNodeLabelSelector: kind('string', "selector on the labels of the pod's node"),
  podLabelSelector: kind('string', "Kubernetes label selector on the pod's labels"),
  podMetadataSelector: kind('string', "selector on the pod's metadata"),
  podOwnerSelector: kind('string', "selector on the pod's first owner reference"),
  strictSelectors: kind('boolean', '=~/!~ match whole values; booleans and timestamps as text'),
  minRuntime: kind('number', 'shortest pod lifetime in seconds before it is deleted'),
  maxRuntime: kind('number', 'longest pod lifetime in seconds before it is deleted'),
  gracePeriod: kind('number', 'gracePeriodSeconds of each deletion'),
  duration,
  maxTargets,
} as const;
const ignoreDaemonSets = kind('boolean', 'spare pods owned by a DaemonSet');

/** Declarations of the cloud-provider functions, by function name. */
export const cloudProviderDeclarations = {
  assess: declareAction<CloudProviderActionOptions>({
    name: 'assessCloudProviderFiltersImpact',
    options: cloudCall,
  }),
  compute: declareAction<CloudProviderComputeFailureSimulationOptions>({
    name: 'runCloudProviderComputeFailureSimulation',
    options: {
      ...cloudCall,
      mode,
      minRuntime: kind('number', 'shortest machine lifetime in seconds before it is hit'),
      maxRuntime: kind('number', 'longest machine lifetime in seconds before it is hit'),
      duration,
      allowSelfTarget,
    },
  }),
  network: declareAction<CloudProviderNetworkFailureSimulationOptions>({
    name: 'runCloudProviderNetworkFailureSimulation',
    options: {
      ...cloudCall,
      mode,
      duration,
      rollbackLeftovers: kind('boolean', "roll back the zone's blocks without a holder mark first"),
      rollbackSignal: kind('signal', 'abort to give up the final roll-back'),
      rollbackTimeoutSeconds: kind('number', 'give up the final roll-back after this long (default 600)'),
      allowSelfTarget,
      allowPartial: kind('boolean', 'go on when some planned targets could not be blocked'),
    },
  }),
  rollback: declareAction<RollbackCloudProviderNetworkFailureSimulationOptions>({
    name: 'rollbackCloudProviderNetworkFailureSimulation',
    options: { ...cloudCall, mode },
    // As the plugins' roll-back: a simulation's arguments may be reused for it.
    ignored: ['duration'],
  }),
} as const;

/** Declarations of the pod functions. */
export const podDeclarations = {
  controlPlane: declareAction<GardenPodFailureSimulationOptions>({
    name: 'runControlPlanePodFailureSimulation',
    options: pods,
    // The control plane never includes DaemonSet pods; the option of the other two is accepted and ignored.
    ignored: ['ignoreDaemonSets'],
  }),
  systemComponents: declareAction<ShootPodFailureSimulationOptions>({
    name: 'runSystemComponentsPodFailureSimulation',
    options: { ...pods, ignoreDaemonSets },
  }),
  general: declareAction<ShootPodFailureSimulationOptions>({
    name: 'runGeneralPodFailureSimulation',
    options: { ...pods, ignoreDaemonSets },
  }),
} as const;

const cleanupTimeoutMs = kind('integer', "longest wait in ms for the probe's resources to be gone");

/** Declarations of the shoot probe functions. */
export const shootProbeDeclarations = {
  healthProbe: declareAction<ShootClusterHealthProbeOptions>({
    name: 'runShootClusterHealthProbe',
    options: {
      ...access,
      duration: kind('duration', 'seconds of probing (0 = one heartbeat, < 0 = until stopped)'),
      thresholds: kind('data', "tolerated downtime per zone and probe; zone indexes are the shoot's"),
      silent: kind('boolean', 'return false instead of throwing on violations'),
      image: kind('string', 'image of the probe pods (default: $CHAOSGARDEN_PROBE_IMAGE)'),
      agentSource: kind('string', 'the agent program to install'),
      reportDirectory: kind('string', 'where metrics.json and report.html go'),
      cleanupTimeoutMs,
      ledger: kind('object', 'where the install is recorded before it is made'),
      stateDirectory,
    },
  }),
  rollbackHealthProbe: declareAction<RollbackShootClusterHealthProbeOptions>({
    name: 'rollbackShootClusterHealthProbe',
    options: { ...access, cleanupTimeoutMs },
  }),
  keyResources: declareAction<ListShootClusterKeyResourcesOptions>({
    name: 'listShootClusterKeyResources',
    options: {
      ...access,
      podNodeLabelSelector: pods.podNodeLabelSelector,
      podLabelSelector: pods.podLabelSelector,
      podMetadataSelector: pods.podMetadataSelector,
      podOwnerSelector: pods.podOwnerSelector,
      strictSelectors: pods.strictSelectors,
      leaseLabelSelector: kind('string', 'Kubernetes label selector on lease labels'),
      leaseMetadataSelector: kind('string', 'selector on lease metadata'),
    },
  }),
} as const;
