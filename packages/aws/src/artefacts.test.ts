import { filterHash } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY, awsBlockTagKey } from './artefacts';

// The spec's §1.8 row for AWS (technical id shoot--my-project--my-shoot).
const awsSubnets = [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/shoot--my-project--my-shoot'] }];

describe('AWS artefact names match the spec examples', () => {
  it('builds the AWS blocking tag key', () => {
    expect(awsBlockTagKey(filterHash(awsSubnets), 'eu-west-1a')).toBe(
      'gardener.cloud/chaos/chaosgarden-block-82f6069993f70d94-eu-west-1a',
    );
  });

  it('keeps the exact key the Python tool wrote', () => {
    expect(AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY).toBe('gardener.cloud/chaos/original-network-acl-associations');
  });

  it('refuses a value that is not a filter hash, so a roll-back cannot silently miss artefacts', () => {
    expect(() => awsBlockTagKey('[]', 'eu-west-1a')).toThrow(/16-character/);
    expect(() => awsBlockTagKey(filterHash(awsSubnets), '')).toThrow(/zone/);
  });
});
