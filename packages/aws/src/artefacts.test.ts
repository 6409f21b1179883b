import { filterHash } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import {
  AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY,
  awsBlockTagKey,
  decodeOriginalAssociations,
  encodeOriginalAssociations,
  MAX_SUBNETS_PER_BLOCKING_ACL,
  ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX,
  packOriginalAssociations,
} from './artefacts';

/** Real AWS ids have 17 hex digits: `subnet-…:acl-…` is 46 characters, so five pairs fit into 256, six do not. */
const pair = (index: number) => ({
  subnetId: `subnet-${index.toString(16).padStart(17, '0')}`,
  networkAclId: `acl-${(index + 1000).toString(16).padStart(17, '0')}`,
});
const pairs = (count: number) => Array.from({ length: count }, (_, index) => pair(index));

describe('encodeOriginalAssociations', () => {
  it('writes the Python tool’s packed tag, in the given order, when it fits into 256 characters', () => {
    const tags = encodeOriginalAssociations([
      { subnetId: 'subnet-bbb', networkAclId: 'acl-222' },
      { subnetId: 'subnet-aaa', networkAclId: 'acl-111' },
    ]);
    expect(tags).toEqual([
      { Key: AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY, Value: 'subnet-bbb:acl-222;subnet-aaa:acl-111' },
    ]);
  });

  it('keeps the packed form at exactly 256 characters and splits from 257 on', () => {
    expect(packOriginalAssociations(pairs(5))).toHaveLength(234);
    expect(encodeOriginalAssociations(pairs(5))).toHaveLength(1);
    const exact = [
      ...pairs(5),
      { subnetId: 'subnet-x', networkAclId: 'a'.repeat(256 - 234 - 1 - 'subnet-x:'.length) },
    ];
    expect(packOriginalAssociations(exact)).toHaveLength(256);
    expect(encodeOriginalAssociations(exact)).toHaveLength(1);
    const over = [
      ...pairs(5),
      { ...exact[5], networkAclId: `${exact[5]?.networkAclId}b` } as (typeof exact)[number],
    ];
    expect(encodeOriginalAssociations(over)).toHaveLength(6);
  });

  it('writes one tag per subnet, each within AWS’s key and value limits, when the packed value would not fit', () => {
    const tags = encodeOriginalAssociations(pairs(8));
    expect(tags).toHaveLength(8);
    for (const [index, tag] of tags.entries()) {
      expect(tag.Key).toBe(`${ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX}${pair(index).subnetId}`);
      expect(tag.Value).toBe(pair(index).networkAclId);
      expect(tag.Key.length).toBeLessThanOrEqual(128);
      expect(tag.Value.length).toBeLessThanOrEqual(256);
    }
    expect(tags.some((tag) => tag.Key === AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY)).toBe(false);
  });

  it('refuses more subnets than fit next to the zone tag into AWS’s 50 tags', () => {
    expect(encodeOriginalAssociations(pairs(MAX_SUBNETS_PER_BLOCKING_ACL))).toHaveLength(48);
    expect(() => encodeOriginalAssociations(pairs(50))).toThrow(RangeError);
  });
});

describe('decodeOriginalAssociations', () => {
  it('reads what it wrote, in both forms', () => {
    for (const count of [1, 5, 6, 8, 48]) {
      const decoded = decodeOriginalAssociations(encodeOriginalAssociations(pairs(count)));
      expect(decoded.problems).toEqual([]);
      expect(decoded.originals).toEqual(
        new Map(pairs(count).map((entry) => [entry.subnetId, entry.networkAclId])),
      );
    }
  });

  it('reads a packed value longer than 256 characters, as the Python tool wrote on moto', () => {
    const tags = [{ Key: AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY, Value: packOriginalAssociations(pairs(8)) }];
    expect(decodeOriginalAssociations(tags).originals.size).toBe(8);
  });

  it('tolerates the empty value the Python tool wrote for a zone without subnets', () => {
    expect(decodeOriginalAssociations([{ Key: AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY, Value: '' }])).toEqual({
      originals: new Map(),
      problems: [],
    });
    expect(decodeOriginalAssociations([]).originals.size).toBe(0);
  });

  it('reports malformed entries instead of throwing, and keeps the readable ones', () => {
    const decoded = decodeOriginalAssociations([
      {
        Key: AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY,
        Value: 'subnet-a:acl-1;garbage;subnet-b:acl-2:x;;subnet-c:acl-3',
      },
      { Key: `${ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX}subnet-d`, Value: '' },
      { Key: 'Name', Value: 'ignored' },
    ]);
    expect(decoded.originals).toEqual(
      new Map([
        ['subnet-a', 'acl-1'],
        ['subnet-c', 'acl-3'],
      ]),
    );
    expect(decoded.problems).toHaveLength(3);
    expect(decoded.problems[0]).toContain("'garbage'");
  });
});

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
