import type { CloudProviderDescriptorV1 } from '@chaosgarden/core';
import { awsFromShoot } from './aws-shoot-mapping';
import type { AwsConfiguration, AwsFilters, AwsSecrets } from './aws-types';

/**
 * The AWS plugin's descriptor: cheap to import (no AWS SDK is loaded before an action runs).
 * Garden picks it for shoots with `spec.provider.type: aws`, maps the shoot with `fromShoot`, and calls
 * `load()` for the four actions.
 */
export const plugin: CloudProviderDescriptorV1<AwsFilters, AwsConfiguration, AwsSecrets> = Object.freeze({
  specificationVersion: 'v1',
  providerType: 'aws',
  packageName: '@chaosgarden/aws',
  capabilities: Object.freeze({
    computeFailureModes: Object.freeze(['terminate', 'restart'] as const),
    networkFailureModes: Object.freeze(['total', 'ingress', 'egress'] as const),
    filterKeys: Object.freeze(['instances', 'vpcs', 'subnets']),
    reconcileFilters: Object.freeze({
      vpcs: 'only in the VPCs these filters select',
      subnets: 'with --zone: only the partition of this subnets filter',
    }),
  }),
  fromShoot: awsFromShoot,
  load: async () => (await import('./aws-provider')).awsProvider,
});
