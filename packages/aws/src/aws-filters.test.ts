import { InvalidArgumentError, parseJsonPreservingOrder, UnknownFilterKeyError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { resolveAwsFilters, subnetFiltersFor } from './aws-filters';

describe('resolveAwsFilters', () => {
  it('adds absent expected keys as empty lists and keeps the given ones', () => {
    const instances = [{ Name: 'tag-key', Values: ['k'] }];
    const resolved = resolveAwsFilters({ instances }, ['instances', 'vpcs'], ['subnets']);
    expect(resolved.raw).toEqual({ instances, vpcs: [] });
    expect(resolved.lists).toEqual({ instances, vpcs: [], subnets: [] });
  });

  it('refuses unknown keys and malformed lists before any call', () => {
    expect(() => resolveAwsFilters({ vpc: [] }, ['vpcs', 'subnets'], ['instances'])).toThrow(
      UnknownFilterKeyError,
    );
    for (const bad of [
      { vpcs: 'tag-key' },
      { vpcs: [{ Name: 'a' }] },
      { vpcs: [{ Name: 'a', Values: [1] }] },
      { vpcs: [{ Name: '', Values: [] }] },
    ]) {
      expect(() => resolveAwsFilters(bad, ['vpcs'], [])).toThrow(InvalidArgumentError);
    }
  });

  it('keeps the order-preserving parse for hashing and gives plain lists to the SDK', () => {
    const parsed = parseJsonPreservingOrder('{"subnets": [{"Name": "tag-key", "Values": ["x"]}]}');
    const resolved = resolveAwsFilters(parsed, ['vpcs', 'subnets'], []);
    expect(resolved.raw.subnets).toBeInstanceOf(Array);
    expect(resolved.lists.subnets).toEqual([{ Name: 'tag-key', Values: ['x'] }]);
  });
});

describe('subnetFiltersFor', () => {
  it('appends the zone and VPC conditions in the Python tool’s order and spelling', () => {
    expect(subnetFiltersFor([{ Name: 'tag-key', Values: ['k'] }], 'z1', 'vpc-1')).toEqual([
      { Name: 'tag-key', Values: ['k'] },
      { Name: 'availabilityZone', Values: ['z1'] },
      { Name: 'vpc-id', Values: ['vpc-1'] },
    ]);
  });
});
