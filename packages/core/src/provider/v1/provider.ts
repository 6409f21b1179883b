import type { CloudProviderActionDeclarations } from './declarations';
import type {
  AssessFiltersImpactOptions,
  ComputeFailureModeName,
  ComputeFailureSimulationOptions,
  NetworkFailureModeName,
  NetworkFailureSimulationOptions,
  ReconcileOptions,
  RollbackNetworkFailureSimulationOptions,
} from './options';
import type {
  AssessFiltersImpactResult,
  ComputeFailureSimulationResult,
  NetworkFailureSimulationResult,
  ReconcileReport,
  RollbackResult,
} from './results';

/** Version of this contract. Append-only once released: new optional members only. */
export type SpecificationVersion = 'v1';

/**
 * The four actions a cloud plugin implements. Each takes one options object and settles only after
 * its own roll-back ran.
 */
export interface CloudProviderV1<TFilters = unknown, TConfiguration = unknown, TSecrets = unknown> {
  readonly specificationVersion: SpecificationVersion;
  readonly providerType: string;
  assessFiltersImpact(
    options: AssessFiltersImpactOptions<TFilters, TConfiguration, TSecrets>,
  ): Promise<AssessFiltersImpactResult>;
  runComputeFailureSimulation(
    options: ComputeFailureSimulationOptions<TFilters, TConfiguration, TSecrets>,
  ): Promise<ComputeFailureSimulationResult>;
  runNetworkFailureSimulation(
    options: NetworkFailureSimulationOptions<TFilters, TConfiguration, TSecrets>,
  ): Promise<NetworkFailureSimulationResult>;
  rollbackNetworkFailureSimulation(
    options: RollbackNetworkFailureSimulationOptions<TFilters, TConfiguration, TSecrets>,
  ): Promise<RollbackResult>;
  /**
   * Finds every left-over of this plugin (and of the Python tool) by the roll-back ledgers and by
   * ownership marks in the cloud, undoes it and reads the result back. Optional: added after v1's
   * first four actions, so callers must check for it.
   */
  reconcile?(options: ReconcileOptions<TFilters, TConfiguration, TSecrets>): Promise<ReconcileReport>;
}

/** What the garden package hands a descriptor so it can map a shoot to the plugin's inputs. */
export interface ShootMappingInput {
  /** The Shoot object as read from the garden cluster. */
  shoot: Readonly<Record<string, unknown>>;
  /** The decoded data of the shoot's cloud-provider credentials secret. In memory only. */
  credentials: Readonly<Record<string, string>>;
  /** The (namespaced) CloudProfile the shoot uses. */
  cloudProfile: Readonly<Record<string, unknown>>;
  /** The zone the caller selected, already resolved to a name. */
  zone: string;
}

export interface ShootMapping<TFilters, TConfiguration, TSecrets> {
  filters: TFilters;
  configuration: TConfiguration;
  secrets: TSecrets;
}

/** Readonly facts about a plugin that cost nothing to read. */
export interface ProviderCapabilities {
  /**
   * The compute modes the plugin supports, the first its default: some of core's `computeFailureModes`,
   * and modes of its own where the cloud has more (GCP's `terminate_with_instance_restart`).
   */
  readonly computeFailureModes: readonly ComputeFailureModeName[];
  /** The network modes the plugin supports, the first its default: core's `networkFailureModes` and its own. */
  readonly networkFailureModes: readonly NetworkFailureModeName[];
  /** Filter keys the plugin expects; an unknown key is an error listing these. */
  readonly filterKeys: readonly string[];
  /**
   * The filter keys `reconcile` narrows its search by, each with the help text of its
   * `--filter-<key> <json>` flag of `chaosgarden rollback`. Default: none (the command takes no filter).
   */
  readonly reconcileFilters?: Readonly<Record<string, string>>;
}

/**
 * The cheap part of a plugin: importing it loads no cloud SDK. Garden reads `providerType` to pick
 * a plugin for a shoot, `fromShoot` to fill in filters, configuration and secrets, and `load()`
 * to get the implementation (which imports the SDK) only when an action runs.
 */
export interface CloudProviderDescriptorV1<TFilters = unknown, TConfiguration = unknown, TSecrets = unknown> {
  readonly specificationVersion: SpecificationVersion;
  /** Gardener's `spec.provider.type` this plugin serves: `aws`, `azure`, `gcp`, ... */
  readonly providerType: string;
  /** The npm package that provides it, named in "install ..." messages. */
  readonly packageName: string;
  readonly capabilities: ProviderCapabilities;
  /**
   * The actions' options as data (`defineAction` refuses unknown keys by them; the CLI builds its flags
   * from them). Optional: added in v1 after the first release, so callers must check for it.
   */
  readonly actions?: CloudProviderActionDeclarations;
  fromShoot(input: ShootMappingInput): ShootMapping<TFilters, TConfiguration, TSecrets>;
  load(): Promise<CloudProviderV1<TFilters, TConfiguration, TSecrets>>;
}
