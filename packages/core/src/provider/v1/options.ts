import type { RollbackLedger } from '../../ledger/rollback-ledger';
import type { Logger } from '../../logging/logger';

export type ComputeFailureMode = 'terminate' | 'restart';
export type NetworkFailureMode = 'total' | 'ingress' | 'egress';

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

export interface ComputeFailureSimulationOptions<F, C, S> extends ProviderCallOptions<F, C, S> {
  /** `terminate` (default) or `restart`. */
  mode?: ComputeFailureMode;
  /** Shortest lifetime of a machine in seconds before it is hit. Default 0. */
  minRuntime?: number;
  /** Longest lifetime in seconds; raised to `minRuntime` (with a warning) if smaller. Default 0. */
  maxRuntime?: number;
  /** See `DurationInput`. Default 0 (one pass). */
  duration?: DurationInput;
}

export interface NetworkFailureSimulationOptions<F, C, S> extends ProviderCallOptions<F, C, S> {
  /** `total` (default), `ingress` or `egress`. */
  mode?: NetworkFailureMode;
  /** See `DurationInput`. Default 0 (block, then roll back at once). */
  duration?: DurationInput;
}

export interface RollbackNetworkFailureSimulationOptions<F, C, S> extends ProviderCallOptions<F, C, S> {
  /** Accepted for compatibility with the Python tool; the roll-back undoes every mode. */
  mode?: NetworkFailureMode;
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
