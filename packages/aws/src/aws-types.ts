import type {
  AssessFiltersImpactOptions,
  ComputeFailureMode,
  ComputeFailureSimulationOptions,
  NetworkFailureMode,
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

/**
 * Options of `runComputeFailureSimulation`: the contract's, with `allowSelfTarget` (the instance this
 * process runs on, found through the EC2 instance metadata service) and AWS's two modes.
 */
export type AwsComputeFailureSimulationOptions = ComputeFailureSimulationOptions<
  AwsFilters,
  AwsConfiguration,
  AwsSecrets,
  ComputeFailureMode
>;

/**
 * Options of `runNetworkFailureSimulation`: the contract's common options (`allowSelfTarget`: the subnet
 * of the instance this process runs on; `rollbackLeftovers`: blocking ACLs without a holder tag;
 * `rollbackSignal`, `rollbackTimeoutSeconds`, `allowPartial`) and AWS's three modes.
 */
export type AwsNetworkFailureSimulationOptions = NetworkFailureSimulationOptions<
  AwsFilters,
  AwsConfiguration,
  AwsSecrets,
  NetworkFailureMode
>;

/** Options of `reconcile`: the AWS plugin's filters, configuration and secrets. */
export type AwsReconcileOptions = ReconcileOptions<AwsFilters, AwsConfiguration, AwsSecrets>;

/** Options of `rollbackNetworkFailureSimulation`. Its `signal` gives up the retries of failing calls. */
export type AwsRollbackNetworkFailureSimulationOptions = RollbackNetworkFailureSimulationOptions<
  AwsFilters,
  AwsConfiguration,
  AwsSecrets,
  NetworkFailureMode
>;
