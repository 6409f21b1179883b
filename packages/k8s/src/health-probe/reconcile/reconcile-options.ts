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
  /**
   * Only read: list the probe's objects that exist (`found`, `wouldRemove`) and who holds the install;
   * remove nothing, verify nothing, leave the ledgers as they are. Default `false`.
   */
  dryRun?: boolean | undefined;
}

/** One of the probe's fixed objects. */
export interface ProbeObjectReference {
  kind: string;
  name: string;
  /** Absent for cluster-scoped objects. */
  namespace?: string;
}

/** What `reconcileClusterHealthProbe` found and did. */
export interface ClusterHealthProbeReconcileReport {
  /** The API server URL (without any user, password or query it might carry). */
  cluster: string;
  /** True when `dryRun` was set: nothing was changed. */
  dryRun: boolean;
  /** The probe's objects that existed when reconcile looked, in creation order. */
  found: ProbeObjectReference[];
  /** Dry run: the objects (`Kind namespace/name`) a reconcile would remove. Empty otherwise. */
  wouldRemove: string[];
  /**
   * Who holds the install, from the namespace's holder annotation (absent without one): a probe still
   * running on this machine is left alone; any other holder is overridden (a warning names it).
   */
  holder?: string;
  /** Objects (`Kind namespace/name`) that existed and are gone now. */
  removed: string[];
  /** Every fixed probe object that was read back afterwards and answered 404. */
  verified: string[];
  /** Objects still there (or that could not be checked); empty on success. */
  leftovers: string[];
}
