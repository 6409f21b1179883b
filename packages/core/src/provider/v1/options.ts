import type { RollbackLedger } from '../../ledger/rollback-ledger';
import type { Logger } from '../../logging/logger';
import type { computeFailureModes, networkFailureModes } from './failure-modes';

/** A compute failure mode the contract names: `terminate` or `restart` (core's `computeFailureModes`). */
export type ComputeFailureMode = (typeof computeFailureModes)[number];
/** A network failure mode the contract names: `total`, `ingress` or `egress` (core's `networkFailureModes`). */
export type NetworkFailureMode = (typeof networkFailureModes)[number];
/**
 * A compute failure mode as a plugin's capabilities list it: one the contract names, or one of the
 * plugin's own (such as GCP's `terminate_with_instance_restart`). Passed on and reported as given.
 */
export type ComputeFailureModeName = ComputeFailureMode | (string & {});
/** A network failure mode as a plugin's capabilities list it: the contract's or one of the plugin's own. */
export type NetworkFailureModeName = NetworkFailureMode | (string & {});

/** Options every provider action takes. Provider packages narrow the three generic bags. */
export interface ProviderCallOptions<TFilters, TConfiguration, TSecrets> {
  /** Zone name, e.g. `eu-west-1a`. Required; validated before any cloud call. */
  zone: string;
  /** Which resources of the zone are targeted; keys are resource kinds (`instances`, `vpcs`, ...). */
  filters?: TFilters;
  /** Non-secret settings such as the region or an endpoint override. */
  configuration?: TConfiguration;
  /** Credentials. Kept in memory only and redacted from every log line and error. */
  secrets?: TSecrets;
  /** Abort to stop the simulation; roll-backs still run before the promise settles. */
  signal?: AbortSignal;
  /** Where progress goes. Default: human lines on stderr (see `createLogger`). */
  logger?: Logger;
  /**
   * Refuse to act when more than this many targets match: nothing is touched and the error says
   * how many were found. Default: no limit.
   */
  maxTargets?: number;
  /**
   * Allow target filters that are all empty, which hit everything in the zone. Default `false`:
   * such a call is refused before anything is changed.
   */
  allowEmptyFilters?: boolean;
  /** Where changes are recorded before they are made. Default: a file ledger in the user state dir. */
  ledger?: RollbackLedger;
  /**
   * The state directory for the default ledger and the per-machine simulation locks. Default:
   * `resolveStateDirectory()` (`$CHAOSGARDEN_STATE_DIR`, else the user state directory).
   */
  stateDirectory?: string;
}

/** Duration in seconds: 0 = one pass, positive = until time is up, negative = until stopped. */
export type DurationInput = number | string | null | undefined;

export interface AssessFiltersImpactOptions<F, C, S> extends ProviderCallOptions<F, C, S> {}

/**
 * Options of the compute simulation. `M` narrows the modes a plugin takes (AWS: `ComputeFailureMode`);
 * by default any mode name, as a caller that reads the modes from `capabilities` passes them.
 */
export interface ComputeFailureSimulationOptions<F, C, S, M extends string = ComputeFailureModeName>
  extends ProviderCallOptions<F, C, S> {
  /** `terminate` (default), `restart`, or a mode of the plugin's own from its capabilities. */
  mode?: M;
  /** Shortest lifetime of a machine in seconds before it is hit. Default 0. */
  minRuntime?: number;
  /** Longest lifetime in seconds; raised to `minRuntime` (with a warning) if smaller. Default 0. */
  maxRuntime?: number;
  /** See `DurationInput`. Default 0 (one pass). */
  duration?: DurationInput;
  /**
   * Allow the machine this process runs on among the targets (found the plugin's way, e.g. AWS's
   * instance metadata service). Default `false`: such a run is refused with `SelfTargetRefusedError`
   * before anything is touched. No environment variable (CLI: `--allow-self-target`). Added in v1.
   */
  allowSelfTarget?: boolean;
}

/** Options of the network simulation. `M` narrows the modes a plugin takes, as for the compute simulation. */
export interface NetworkFailureSimulationOptions<F, C, S, M extends string = NetworkFailureModeName>
  extends ProviderCallOptions<F, C, S> {
  /** `total` (default), `ingress`, `egress`, or a mode of the plugin's own from its capabilities. */
  mode?: M;
  /** See `DurationInput`. Default 0 (block, then roll back at once). */
  duration?: DurationInput;
  /**
   * Allow the network of the machine this process runs on (for AWS: its subnet) among the blocked
   * targets. Default `false`: such a run is refused with `SelfTargetRefusedError` before anything is
   * changed, because it would cut off its own roll-back. No environment variable (CLI:
   * `--allow-self-target`). Added in v1.
   */
  allowSelfTarget?: boolean;
  /**
   * Blocks of the same zone and filters without a holder mark (the Python tool's) are left-overs to roll
   * back before blocking. Default `false`: they count as a running simulation's lock and the run is
   * refused with `SimulationLockedError`. A block whose holder may still be running (another machine
   * within its lease) is never taken over. No environment variable (CLI: `--rollback-leftovers`). Added in v1.
   */
  rollbackLeftovers?: boolean;
  /**
   * Gives up the final roll-back: a failing roll-back call is retried until it succeeds or this signal
   * aborts; what is then left is named in a `RollbackIncompleteError`. (`signal` cannot serve: it is what
   * ends the simulation.) Default: retry until done, bounded by `rollbackTimeoutSeconds`. Added in v1.
   */
  rollbackSignal?: AbortSignal;
  /**
   * Seconds the final roll-back may retry before it gives up; so does a third SIGINT/SIGTERM. What is
   * still blocked then is logged, stays pending in the roll-back ledger, and the `RollbackIncompleteError`
   * gives the `chaosgarden rollback …` command that finishes the job. Negative: no deadline; 0 is refused.
   * Default 600 (`validateRollbackTimeout`). No environment variable (CLI: `--rollback-timeout`). Added in v1.
   */
  rollbackTimeoutSeconds?: number;
  /**
   * Accept a partial partition: when the read-back after blocking finds some planned targets not blocked,
   * the run goes on with the others (each named in a warning, `status: 'partial'`). Default `false`: it
   * rolls back and throws `PartialSimulationError`. A block that reached no planned target always fails.
   * No environment variable (CLI: `--allow-partial`). Added in v1.
   */
  allowPartial?: boolean;
}

export interface RollbackNetworkFailureSimulationOptions<F, C, S, M extends string = NetworkFailureModeName>
  extends ProviderCallOptions<F, C, S> {
  /** Accepted for compatibility with the Python tool; the roll-back undoes every mode. */
  mode?: M;
}

/**
 * Options of `reconcile`: what to look for. Every field narrows the search; with none, every
 * left-over the ledgers know of and every artefact with the provider's ownership mark in the
 * configured account and region is undone.
 */
export interface ReconcileOptions<TFilters, TConfiguration, TSecrets> {
  /** Only this zone's left-overs. */
  zone?: string;
  /** Only the left-overs of this run (its ledger id). */
  runId?: string;
  /** Only artefacts among the resources these filters select (for AWS: in the matching VPCs). */
  filters?: TFilters;
  configuration?: TConfiguration;
  secrets?: TSecrets;
  /** Gives up retrying failing calls; what is then left is reported. */
  signal?: AbortSignal;
  logger?: Logger;
  /** Where the ledgers are. Default: `resolveStateDirectory()`. */
  stateDirectory?: string;
  /** Only list what would be undone; change nothing. */
  dryRun?: boolean;
}
