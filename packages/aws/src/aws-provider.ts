import type { CloudProviderV1 } from '@chaosgarden/core';
import { assessFiltersImpact } from './assess';
import type { AwsConfiguration, AwsFilters, AwsSecrets } from './aws-types';
import { runComputeFailureSimulation } from './compute';
import { rollbackNetworkFailureSimulation, runNetworkFailureSimulation } from './network';
import { reconcile } from './reconcile';

/** The four actions and reconcile, as `plugin.load()` returns them. */
export const awsProvider: CloudProviderV1<AwsFilters, AwsConfiguration, AwsSecrets> = Object.freeze({
  specificationVersion: 'v1',
  providerType: 'aws',
  assessFiltersImpact,
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
  rollbackNetworkFailureSimulation,
  reconcile,
});
