import {
  type CloudProviderActionDeclarations,
  type CloudProviderDescriptorV1,
  computeFailureModes,
  networkFailureModes,
  providerActionDeclarations,
} from '@chaosgarden/core';
import { awsFromShoot } from './aws-shoot-mapping';
import type { AwsConfiguration, AwsFilters, AwsSecrets } from './aws-types';
import { providerId } from './provider-id';

/** The AWS descriptor's type: `actions` is always there (the four actions and reconcile). */
export type AwsDescriptor = CloudProviderDescriptorV1<AwsFilters, AwsConfiguration, AwsSecrets> & {
  readonly actions: Readonly<Required<CloudProviderActionDeclarations>>;
};

/**
 * The AWS plugin's descriptor: cheap to import (no AWS SDK is loaded before an action runs).
 * Garden picks it for shoots with `spec.provider.type: aws`, maps the shoot with `fromShoot`, and calls
 * `load()` for the four actions. `actions` declares their options: the contract's, all of which AWS takes.
 */
export const plugin: AwsDescriptor = Object.freeze({
  specificationVersion: 'v1',
  providerType: providerId,
  packageName: '@chaosgarden/aws',
  capabilities: Object.freeze({
    computeFailureModes,
    networkFailureModes,
    filterKeys: Object.freeze(['instances', 'vpcs', 'subnets']),
    reconcileFilters: Object.freeze({
      vpcs: 'only in the VPCs these filters select',
      subnets: 'with --zone: only the partition of this subnets filter',
    }),
  }),
  actions: providerActionDeclarations({ computeFailureModes, networkFailureModes }),
  fromShoot: awsFromShoot,
  load: async () => (await import('./aws-provider')).awsProvider,
});
