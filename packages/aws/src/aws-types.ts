import type {
  AssessFiltersImpactOptions,
  ComputeFailureSimulationOptions,
  NetworkFailureSimulationOptions,
  ReconcileOptions,
  RollbackNetworkFailureSimulationOptions,
} from '@chaosgarden/core';

/**
 * One EC2 API filter, passed to AWS as given: `{ Name: 'tag-key', Values: ['kubernetes.io/cluster/…'] }`.
 * Key order matters for `subnets`: its Python notation is hashed into the blocking tag key.
 */
export interface AwsFilter {
  Name: string;
  Values: string[];
}

/**
 * What the actions target. Each value is a list of EC2 filters; an absent or empty list restricts
 * nothing (every instance or VPC of the region), which the simulations refuse without `allowEmptyFilters`.
 */
export interface AwsFilters {
  /** DescribeInstances filters (assess, compute). The zone is added by the action. */
  instances?: AwsFilter[];
  /** DescribeVpcs filters (assess, network). No zone condition: VPCs span zones. */
  vpcs?: AwsFilter[];
  /**
   * DescribeSubnets filters (assess, network). The zone and VPC are added by the action. Its Python
   * notation is hashed into the blocking ACL's tag key, so a roll-back must get the same list.
   */
  subnets?: AwsFilter[];
}

/**
 * Non-secret settings. The Python tool's snake_case keys (`aws_region`, …) are accepted too. Other keys
 * are ignored, because experiment runners pass the whole experiment configuration.
 */
export interface AwsConfiguration {
  /** Region, e.g. `eu-west-1`. Default: env `AWS_REGION`, then `AWS_DEFAULT_REGION`; one is required. */
  awsRegion?: string;
  /** Named profile of the shared AWS config/credentials files. Default: env `AWS_PROFILE`, else `default`. */
  awsProfileName?: string;
  /** Role to assume with STS `AssumeRole` before any EC2 call. Default: none. */
  awsAssumeRoleArn?: string;
  /** Session name for `awsAssumeRoleArn`. Default `ChaosToolkit` (as the Python tool). */
  awsAssumeRoleSessionName?: string;
  /**
   * EC2 endpoint URL, for AWS-compatible clouds and emulators such as moto (`http://127.0.0.1:5000`).
   * Default: env `AWS_ENDPOINT_URL_EC2`, then `AWS_ENDPOINT_URL` (read by the AWS SDK), else AWS itself.
   */
  awsEndpointUrl?: string;
}

/**
 * Credentials, kept in memory only and redacted from every log line and error. Snake_case keys
 * (`aws_access_key_id`, …) are accepted too. Without them the AWS SDK's default credential chain
 * applies (env `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, profile, SSO, web identity, instance role).
 */
export interface AwsSecrets {
  /** Access key id; requires `awsSecretAccessKey`. */
  awsAccessKeyId?: string;
  /** Secret access key; requires `awsAccessKeyId`. */
  awsSecretAccessKey?: string;
  /** Session token of temporary credentials. */
  awsSessionToken?: string;
}

/** Options of `assessFiltersImpact`. */
export type AwsAssessFiltersImpactOptions = AssessFiltersImpactOptions<
  AwsFilters,
  AwsConfiguration,
  AwsSecrets
>;

/** Options of `runComputeFailureSimulation`. */
export interface AwsComputeFailureSimulationOptions
  extends ComputeFailureSimulationOptions<AwsFilters, AwsConfiguration, AwsSecrets> {
  /**
   * Allow the instance this process runs on (found through the EC2 instance metadata service) among
   * the targets. Default `false`: such a run is refused before anything is touched.
   */
  allowSelfTarget?: boolean;
}

/** Options of `runNetworkFailureSimulation`. */
export interface AwsNetworkFailureSimulationOptions
  extends NetworkFailureSimulationOptions<AwsFilters, AwsConfiguration, AwsSecrets> {
  /**
   * Gives up the final roll-back: a throttled or failing roll-back call is retried until it succeeds
   * or this signal aborts; what is then left is named in a `RollbackIncompleteError`. (`signal` cannot
   * serve: it is what ends the simulation.) Default: retry until done.
   */
  rollbackSignal?: AbortSignal;
  /**
   * Seconds the final roll-back may retry before it gives up; so does a third SIGINT/SIGTERM. The
   * subnets still blocked then are logged, stay pending in the roll-back ledger, and the
   * `RollbackIncompleteError` gives the `chaosgarden rollback …` command that finishes the job.
   * Negative: no deadline. Default 600 (CLI: `--rollback-timeout`).
   */
  rollbackTimeoutSeconds?: number;
  /**
   * Blocking ACLs of the same zone and subnets filter without a holder tag (the Python tool's) are
   * left-overs to roll back before blocking. Default `false`: they count as a running simulation's lock
   * and the run is refused. An ACL whose holder tag names a run that may still be running (another
   * machine within its lease) is never taken over by a simulation: wait, or use the explicit roll-back.
   */
  rollbackLeftovers?: boolean;
  /**
   * Allow the subnet of the instance this process runs on among the blocked subnets. Default `false`:
   * such a run is refused before anything is changed, because it would cut off its own roll-back.
   */
  allowSelfTarget?: boolean;
  /**
   * Accept a partial partition: when the read-back after blocking finds some planned subnets not blocked,
   * the run goes on with the others (each named in a warning, `status: 'partial'`). Default `false`: it
   * rolls back and throws `PartialSimulationError`. A block that reached no planned subnet always fails.
   */
  allowPartial?: boolean;
}

/** Options of `reconcile`: the AWS plugin's filters, configuration and secrets. */
export type AwsReconcileOptions = ReconcileOptions<AwsFilters, AwsConfiguration, AwsSecrets>;

/** Options of `rollbackNetworkFailureSimulation`. Its `signal` gives up the retries of failing calls. */
export type AwsRollbackNetworkFailureSimulationOptions = RollbackNetworkFailureSimulationOptions<
  AwsFilters,
  AwsConfiguration,
  AwsSecrets
>;
