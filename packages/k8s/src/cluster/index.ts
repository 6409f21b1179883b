export type { KubeCall, KubeClient, KubeClientOptions } from './kube-client';
export { createKubeClient } from './kube-client';
export type {
  ClusterAccessOptions,
  KubeconfigSecrets,
  KubeconfigSource,
  ResolvedKubeconfigSource,
} from './kubeconfig-source';
export { resolveKubeconfigSource } from './kubeconfig-source';
export type { LoadedKubeconfig } from './load-kubeconfig';
export { loadKubeconfig } from './load-kubeconfig';
export type { RequestCounts, RequestVerb } from './request-counter';
