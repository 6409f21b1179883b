import { InvalidArgumentError, type ShootMapping, type ShootMappingInput } from '@chaosgarden/core';
import type { AwsConfiguration, AwsFilter, AwsFilters, AwsSecrets } from './aws-types';

/**
 * Gardener's AWS shoot → the actions' inputs (spec garden.md, the `aws` row): every filter selects the
 * cluster's tag `kubernetes.io/cluster/<technical id>` (built as `{Name, Values}`, in that key order,
 * because the subnets filter's Python notation is hashed into the blocking tag key); a shoot in an
 * existing VPC (`infrastructureConfig.networks.vpc.id`) selects that VPC by id instead.
 *
 * @throws InvalidArgumentError when the shoot has no technical id or region, or a credential is missing.
 */
export function awsFromShoot(
  input: ShootMappingInput,
): ShootMapping<AwsFilters, AwsConfiguration, AwsSecrets> {
  const technicalId = stringAt(input.shoot, ['status', 'technicalID']);
  if (technicalId === undefined) {
    throw new InvalidArgumentError({
      argument: 'shoot',
      message: 'The shoot has no status.technicalID (is it created yet?).',
    });
  }
  const region = stringAt(input.shoot, ['spec', 'region']);
  if (region === undefined) {
    throw new InvalidArgumentError({ argument: 'shoot', message: 'The shoot has no spec.region.' });
  }
  const clusterTag = (): AwsFilter[] => [
    { Name: 'tag-key', Values: [`kubernetes.io/cluster/${technicalId}`] },
  ];
  const vpcId = stringAt(input.shoot, ['spec', 'provider', 'infrastructureConfig', 'networks', 'vpc', 'id']);
  return {
    filters: {
      instances: clusterTag(),
      vpcs: vpcId === undefined ? clusterTag() : [{ Name: 'vpc-id', Values: [vpcId] }],
      subnets: clusterTag(),
    },
    configuration: { awsRegion: region },
    secrets: {
      awsAccessKeyId: requiredCredential(input.credentials, 'accessKeyID'),
      awsSecretAccessKey: requiredCredential(input.credentials, 'secretAccessKey'),
    },
  };
}

function requiredCredential(credentials: Readonly<Record<string, string>>, key: string): string {
  const value = credentials[key];
  if (typeof value !== 'string' || value === '') {
    throw new InvalidArgumentError({
      argument: 'credentials',
      message: `Required key ${key} missing! The shoot's cloud provider secret must hold ${key}.`,
    });
  }
  return value;
}

function stringAt(root: unknown, path: readonly string[]): string | undefined {
  let current: unknown = root;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return typeof current === 'string' && current !== '' ? current : undefined;
}
