import { filterHash, InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { awsBlockTagKey } from './artefacts';
import { plugin } from './aws-plugin';

const shoot = (extra: Record<string, unknown> = {}) => ({
  spec: { region: 'eu-west-1', provider: { type: 'aws', ...extra } },
  status: { technicalID: 'shoot--my-project--my-shoot' },
});
const credentials = { accessKeyID: 'AKIASHOOT', secretAccessKey: 'shoot-secret' };

describe('plugin.fromShoot', () => {
  it('maps a shoot to the cluster tag filters, its region and its credentials (garden.md, aws row)', () => {
    const mapping = plugin.fromShoot({ shoot: shoot(), credentials, cloudProfile: {}, zone: 'eu-west-1a' });
    const tag = [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/shoot--my-project--my-shoot'] }];
    expect(mapping).toEqual({
      filters: { instances: tag, vpcs: tag, subnets: tag },
      configuration: { awsRegion: 'eu-west-1' },
      secrets: { awsAccessKeyId: 'AKIASHOOT', awsSecretAccessKey: 'shoot-secret' },
    });
  });

  it('produces the subnets filter whose hash the Python tool used (spec §1.8 test vector)', () => {
    const mapping = plugin.fromShoot({ shoot: shoot(), credentials, cloudProfile: {}, zone: 'eu-west-1a' });
    expect(filterHash(mapping.filters.subnets)).toBe('82f6069993f70d94');
    expect(awsBlockTagKey(filterHash(mapping.filters.subnets), 'eu-west-1a')).toBe(
      'gardener.cloud/chaos/chaosgarden-block-82f6069993f70d94-eu-west-1a',
    );
    expect(filterHash([])).toBe('d751713988987e93');
  });

  it('selects an existing VPC by id', () => {
    const existing = shoot({ infrastructureConfig: { networks: { vpc: { id: 'vpc-0123' } } } });
    const mapping = plugin.fromShoot({ shoot: existing, credentials, cloudProfile: {}, zone: 'eu-west-1a' });
    expect(mapping.filters.vpcs).toEqual([{ Name: 'vpc-id', Values: ['vpc-0123'] }]);
  });

  it('says which credential key is missing', () => {
    expect(() =>
      plugin.fromShoot({ shoot: shoot(), credentials: { accessKeyID: 'a' }, cloudProfile: {}, zone: 'z' }),
    ).toThrow('Required key secretAccessKey missing!');
    expect(() =>
      plugin.fromShoot({ shoot: { spec: { region: 'r' } }, credentials, cloudProfile: {}, zone: 'z' }),
    ).toThrow(InvalidArgumentError);
  });
});

describe('plugin', () => {
  it('describes the contract v1 AWS plugin with its modes and filter keys', () => {
    expect(plugin).toMatchObject({
      specificationVersion: 'v1',
      providerType: 'aws',
      packageName: '@chaosgarden/aws',
      capabilities: {
        computeFailureModes: ['terminate', 'restart'],
        networkFailureModes: ['total', 'ingress', 'egress'],
        filterKeys: ['instances', 'vpcs', 'subnets'],
      },
    });
  });

  it('loads the four actions', async () => {
    const provider = await plugin.load();
    expect(provider.providerType).toBe('aws');
    for (const action of [
      'assessFiltersImpact',
      'runComputeFailureSimulation',
      'runNetworkFailureSimulation',
      'rollbackNetworkFailureSimulation',
    ] as const) {
      expect(typeof provider[action]).toBe('function');
    }
  });
});
