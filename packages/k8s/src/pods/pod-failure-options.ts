import {
  type DurationInput,
  type Logger,
  parseDuration,
  type SimulationEnd,
  validateGracePeriod,
  validateMaxTargets,
  validateRuntimes,
} from '@chaosgarden/core';
import type { ClusterAccessOptions } from '../cluster/kubeconfig-source';
import type { RequestCounts } from '../cluster/request-counter';
import { EmptySelectorsRefusedError } from './empty-selectors-refused-error';
import {
  isEmptySelection,
  type PodSelection,
  type PodSelectorOptions,
  parsePodSelection,
} from './pod-selection';

/** Options of `runPodFailureSimulation` (Python: `run_pod_failure_simulation`). */
export interface PodFailureSimulationOptions extends PodSelectorOptions, ClusterAccessOptions {
  /** Shortest lifetime of a pod in whole seconds, counted from its creation, before it is deleted. Default 0. */
  minRuntime?: number | string | null;
  /** Longest lifetime in whole seconds; raised to `minRuntime` (with a warning) if smaller. Default 0. */
  maxRuntime?: number | string | null;
  /** `gracePeriodSeconds` of each deletion. Default 0 (the pod is removed at once). */
  gracePeriod?: number | string | null;
  /** Seconds: 0 = one pass (default), > 0 = until the time is up, < 0 = until stopped. */
  duration?: DurationInput;
  /** Abort to stop the simulation; deletions already sent are awaited. */
  signal?: AbortSignal | undefined;
  /** Where progress goes. Default: `createLogger()` (human lines on stderr). */
  logger?: Logger | undefined;
  /**
   * Refuse (throw `TooManyTargetsError`, deleting nothing in that pass) when more pods match at once.
   * Checked on every pass. Default: no limit.
   */
  maxTargets?: number | undefined;
  /**
   * Allow all four selectors to be empty, which targets every pod with an owner on any node of the cluster.
   * Default `false`: such a call is refused before anything is deleted.
   */
  allowEmptySelectors?: boolean | undefined;
  /**
   * Where the per-machine lock goes that keeps a second simulation with the same selectors on the same
   * cluster from running at once. Default: `resolveStateDirectory()`.
   */
  stateDirectory?: string | undefined;
  /**
   * Delete the pod this process runs in too, when it matches. Default `false`: inside a pod
   * (`KUBERNETES_SERVICE_HOST` set), that pod is spared with a warning, since deleting it ends the run.
   */
  allowSelfTarget?: boolean | undefined;
}

/** A pod the simulation deleted. */
export interface DeletedPod {
  namespace: string;
  name: string;
  uid: string;
  node: string;
  /** The node's `topology.kubernetes.io/zone` label. */
  zone: string | undefined;
  /** When it was due (creation time + its random runtime), ISO 8601. */
  dueAt: string;
  /** When the API server accepted the deletion, ISO 8601. */
  at: string;
}

/** A failed API call; the simulation went on (pod deletions are retried after 5 s). */
export interface PodFailure {
  /** `delete pod <ns>/<name>`, `watch pods`, `list nodes`, ... */
  operation: string;
  namespace?: string;
  name?: string;
  /** HTTP status, absent for connection failures. */
  statusCode?: number;
  message: string;
  at: string;
}

export interface PodFailureSimulationResult extends SimulationEnd {
  /** The API server URL. */
  host: string;
  deleted: DeletedPod[];
  failures: PodFailure[];
  /** Requests sent to the API server, per verb. */
  requests: RequestCounts;
}

/** The validated settings. */
export interface PodFailureSettings {
  minRuntime: number;
  maxRuntime: number;
  gracePeriod: number;
  duration: number;
  maxTargets: number | undefined;
  selection: PodSelection;
  allowSelfTarget: boolean;
}

/**
 * Checks every option before the cluster is contacted (unknown ones are refused before, by the
 * declaration `runPodFailureSimulation` is defined with).
 *
 * @throws InvalidArgumentError for a bad value, SelectorSyntaxError for a
 *   malformed selector, EmptySelectorsRefusedError when all selectors are empty without the opt-in.
 */
export function validatePodFailureOptions(
  options: PodFailureSimulationOptions,
  logger: Logger,
): PodFailureSettings {
  const { minRuntime, maxRuntime } = validateRuntimes(options, logger);
  const selection = parsePodSelection(options);
  if (isEmptySelection(selection) && options.allowEmptySelectors !== true) {
    throw new EmptySelectorsRefusedError();
  }
  return {
    minRuntime,
    maxRuntime,
    gracePeriod: validateGracePeriod(options.gracePeriod),
    duration: parseDuration(options.duration),
    maxTargets: validateMaxTargets(options.maxTargets),
    selection,
    allowSelfTarget: options.allowSelfTarget === true,
  };
}
