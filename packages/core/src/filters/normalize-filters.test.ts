import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownFilterKeyError } from '../errors/unknown-filter-key-error';
import { normalizeFilters } from './normalize-filters';

const aws = { expectedKeys: ['instances', 'vpcs'], toleratedKeys: ['subnets'], emptyValue: [] } as const;

describe('normalizeFilters', () => {
  it('adds absent expected keys with the empty value but not absent tolerated keys', () => {
    expect(normalizeFilters({ instances: [{ Name: 'a', Values: ['b'] }] }, aws)).toEqual({
      instances: [{ Name: 'a', Values: ['b'] }],
      vpcs: [],
    });
  });

  it('keeps tolerated keys that are given', () => {
    const subnets = [{ Name: 'tag-key', Values: ['x'] }];
    expect(normalizeFilters({ subnets }, aws)).toEqual({ instances: [], vpcs: [], subnets });
  });

  it('treats null and undefined as no filters', () => {
    expect(normalizeFilters(null, aws)).toEqual({ instances: [], vpcs: [] });
    expect(normalizeFilters(undefined, { expectedKeys: ['servers'], emptyValue: {} })).toEqual({
      servers: {},
    });
  });

  it('returns a new object, leaves the caller’s filters unchanged and keeps values by reference', () => {
    const instances = [{ Name: 'a', Values: ['b'] }];
    const input = { instances };
    const result = normalizeFilters(input, aws);
    expect(result).not.toBe(input);
    expect(input).toEqual({ instances });
    expect(result.instances).toBe(instances);
  });

  it('fills each absent key with its own copy of the empty value', () => {
    const result = normalizeFilters({}, aws);
    expect(result.instances).not.toBe(result.vpcs);
    (result.instances as unknown[]).push('changed');
    expect(normalizeFilters({}, aws).instances).toEqual([]);
  });

  it('accepts the Python snake_case spelling and returns the expected spelling', () => {
    const azure = { expectedKeys: ['virtualMachines'], emptyValue: '' } as const;
    expect(normalizeFilters({ virtual_machines: 'where x' }, azure)).toEqual({ virtualMachines: 'where x' });
    const python = { expectedKeys: ['virtual_machines'], emptyValue: '' } as const;
    expect(normalizeFilters({ virtualMachines: 'where x' }, python)).toEqual({ virtual_machines: 'where x' });
  });

  it('refuses one key given in both spellings', () => {
    const azure = { expectedKeys: ['virtualMachines'], emptyValue: '' } as const;
    expect(() => normalizeFilters({ virtual_machines: 'a', virtualMachines: 'b' }, azure)).toThrow(
      'Filter virtualMachines is given twice (as virtual_machines and as virtualMachines)',
    );
  });

  it('rejects unknown keys, listing unexpected, expected and tolerated keys', () => {
    const attempt = () => normalizeFilters({ instances: [], vpc: [], zones: [] }, aws);
    expect(attempt).toThrow(UnknownFilterKeyError);
    expect(attempt).toThrow(
      'Found unexpected filters for vpc, zones (expected filters are instances, vpcs; also accepted: subnets)!',
    );
    try {
      attempt();
    } catch (error) {
      expect(UnknownFilterKeyError.isInstance(error) && error.unexpectedKeys).toEqual(['vpc', 'zones']);
      expect(String(error)).not.toContain('{expected_keys}');
    }
  });

  it('accepts a Map from parseJsonPreservingOrder', () => {
    expect(normalizeFilters(new Map([['vpcs', ['v']]]), aws)).toEqual({ vpcs: ['v'], instances: [] });
  });

  it.each([
    ['a string', 'instances'],
    ['an array', [['instances', []]]],
    ['a number', 3],
  ])('rejects %s as filters', (_label, filters) => {
    expect(() => normalizeFilters(filters, aws)).toThrow(InvalidArgumentError);
  });
});
