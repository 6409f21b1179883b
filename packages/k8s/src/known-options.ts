import { declareAction, type OptionSpecification } from '@chaosgarden/core';
import type { ReconcileClusterHealthProbeOptions } from './health-probe/reconcile/reconcile-options';
import type {
  ClusterHealthProbeOptions,
  RollbackClusterHealthProbeOptions,
} from './health-probe/runner/health-probe-options';
import type { ListClusterKeyResourcesOptions } from './list-cluster-key-resources';
import type { PodFailureSimulationOptions } from './pods/pod-failure-options';

// The options of every exported k8s function, as data: `defineAction` refuses any other top-level key
// (a misspelt `gracePeriods` would otherwise be ignored silently), and the CLI reads them.

const kubeconfig: OptionSpecification = {
  kind: 'object',
  description: 'kubeconfig source: { path }, { yaml } or { object } (default: secrets, then $KUBECONFIG)',
};
const secrets: OptionSpecification = {
  kind: 'data',
  description: 'kubeconfigStruct, kubeconfigYaml or kubeconfigPath, as the Python tool took them',
};
const signal: OptionSpecification = { kind: 'signal', description: 'abort to stop' };
const logger: OptionSpecification = { kind: 'logger', description: 'where progress goes' };
const stateDirectory: OptionSpecification = {
  kind: 'string',
  description: 'directory of the roll-back ledgers and per-machine locks',
};
const cleanupTimeoutMs: OptionSpecification = {
  kind: 'integer',
  description: "longest wait in ms for the probe's resources to be gone (default 180000)",
};
const selector = (description: string): OptionSpecification => ({ kind: 'string', description });
const podSelectors = {
  podNodeLabelSelector: selector("selector on the labels of the pod's node"),
  podLabelSelector: selector("Kubernetes label selector on the pod's labels"),
  podMetadataSelector: selector("selector on the pod's metadata"),
  podOwnerSelector: selector("selector on the pod's first owner reference"),
  strictSelectors: {
    kind: 'boolean',
    description: '=~/!~ match whole values; booleans and timestamps as text',
  },
} as const;
const runtime = (description: string): OptionSpecification => ({ kind: 'number', description });

/** `runPodFailureSimulation`. */
export const podFailureSimulationDeclaration = declareAction<PodFailureSimulationOptions>({
  name: 'runPodFailureSimulation',
  options: {
    minRuntime: runtime('shortest lifetime in seconds before a pod is deleted (default 0)'),
    maxRuntime: runtime('longest lifetime in seconds before a pod is deleted (default 0)'),
    gracePeriod: runtime('gracePeriodSeconds of each deletion (default 0)'),
    ...podSelectors,
    duration: { kind: 'duration', description: '0 = one pass, > 0 = seconds, < 0 = until stopped' },
    kubeconfig,
    secrets,
    signal,
    logger,
    maxTargets: { kind: 'integer', description: 'refuse when more pods match at once' },
    allowEmptySelectors: { kind: 'boolean', description: 'allow no selector at all (every owned pod)' },
    stateDirectory,
    allowSelfTarget: { kind: 'boolean', description: 'delete the pod this process runs in too' },
  },
});

/** `listClusterKeyResources`. */
export const listClusterKeyResourcesDeclaration = declareAction<ListClusterKeyResourcesOptions>({
  name: 'listClusterKeyResources',
  options: {
    ...podSelectors,
    leaseLabelSelector: selector('Kubernetes label selector on lease labels'),
    leaseMetadataSelector: selector('selector on lease metadata'),
    configuration: { kind: 'data', description: 'accepted for compatibility with the Python tool; ignored' },
    kubeconfig,
    secrets,
    logger,
    signal,
  },
});

/** `runClusterHealthProbe` (and its background form). */
export const clusterHealthProbeDeclaration = declareAction<ClusterHealthProbeOptions>({
  name: 'runClusterHealthProbe',
  options: {
    duration: {
      kind: 'duration',
      description: 'seconds of probing (0 = one heartbeat, < 0 = until stopped)',
    },
    thresholds: { kind: 'data', description: 'tolerated downtime per zone and probe, in seconds' },
    silent: { kind: 'boolean', description: 'return false instead of throwing on violations' },
    image: { kind: 'string', description: 'image of the probe pods (default: $CHAOSGARDEN_PROBE_IMAGE)' },
    agentSource: { kind: 'string', description: 'the agent program to install' },
    reportDirectory: { kind: 'string', description: 'where metrics.json and report.html go' },
    cleanupTimeoutMs,
    kubeconfig,
    secrets,
    signal,
    logger,
    ledger: { kind: 'object', description: 'where the install is recorded before it is made' },
    stateDirectory,
  },
});

/** `rollbackClusterHealthProbe`. */
export const rollbackClusterHealthProbeDeclaration = declareAction<RollbackClusterHealthProbeOptions>({
  name: 'rollbackClusterHealthProbe',
  options: { cleanupTimeoutMs, kubeconfig, secrets, signal, logger },
});

/** `reconcileClusterHealthProbe`. */
export const reconcileClusterHealthProbeDeclaration = declareAction<ReconcileClusterHealthProbeOptions>({
  name: 'reconcileClusterHealthProbe',
  options: {
    kubeconfig: { kind: 'object', description: 'a kubeconfig file path or any kubeconfig source' },
    secrets,
    logger,
    signal,
    cleanupTimeoutMs,
    stateDirectory,
    dryRun: { kind: 'boolean', description: 'only list what exists and would be removed' },
  },
});
