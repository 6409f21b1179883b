export * from './cluster/index';
export * from './health-probe/index';
export * from './informers/index';
export type { KubeApiErrorOptions } from './k8s-errors';
export { KubeApiError } from './k8s-errors';
export type { KeyLease, KeyNode, KeyPod } from './key-resources/key-resource-rows';
export type { ClusterKeyResources, ListClusterKeyResourcesOptions } from './list-cluster-key-resources';
export { listClusterKeyResources } from './list-cluster-key-resources';
export { runPodFailureSimulation, runPodFailureSimulationInBackground } from './pod-failure-simulation';
export { EmptySelectorsRefusedError } from './pods/empty-selectors-refused-error';
export type {
  DeletedPod,
  PodFailure,
  PodFailureSimulationOptions,
  PodFailureSimulationResult,
} from './pods/pod-failure-options';
export type { PodMatch, PodSelection, PodSelectorOptions } from './pods/pod-selection';
export { matchPod, parsePodSelection, pinnedNamespace, zoneLabel } from './pods/pod-selection';
export * from './selectors/index';
