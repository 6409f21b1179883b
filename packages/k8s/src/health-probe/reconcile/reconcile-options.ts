import type { Logger } from '@chaosgarden/core';
import type { KubeconfigSecrets, KubeconfigSource } from '../../cluster/kubeconfig-source';

/** Options of `reconcileClusterHealthProbe`. */
export interface ReconcileClusterHealthProbeOptions {
  /**
   * The cluster's kubeconfig: a file path (as `chaosgarden rollback --kubeconfig <path>` passes it) or
   * any `KubeconfigSource`. Default: as every k8s action, `secrets`, then env `KUBECONFIG`.
   */
  kubeconfig?: string | KubeconfigSource | undefined;
  /** Python-style secrets (`kubeconfigStruct`, `kubeconfigYaml`, `kubeconfigPath`). */
  secrets?: KubeconfigSecrets | Readonly<Record<string, unknown>> | null | undefined;
  /** Receives what was found, removed and left. Default: `createLogger()`. */
  logger?: Logger | undefined;
  /** Aborting it stops waiting for the removal; what is still there is then reported as left over. */
  signal?: AbortSignal | undefined;
  /** Longest wait for pods, namespace and definitions to be gone. Default 180 000 ms. */
  cleanupTimeoutMs?: number | undefined;
  /** Where the roll-back ledgers are whose probe installs get marked undone. Default `resolveStateDirectory()`. */
  stateDirectory?: string | undefined;
}

/** What `reconcileClusterHealthProbe` found and did. */
export interface ClusterHealthProbeReconcileReport {
  /** The API server URL. */
  cluster: string;
  /** Objects (`Kind namespace/name`) that existed and are gone now. */
  removed: string[];
  /** Every fixed probe object that was read back afterwards and answered 404. */
  verified: string[];
  /** Objects still there (or that could not be checked); empty on success. */
  leftovers: string[];
}

export const reconcileOptionNames = [
  'kubeconfig',
  'secrets',
  'logger',
  'signal',
  'cleanupTimeoutMs',
  'stateDirectory',
];
