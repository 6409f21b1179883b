import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { camelizeKeys } from './camelize-keys';

describe('camelizeKeys', () => {
  it('converts top-level keys and leaves values, nested keys included, untouched', () => {
    const filters = { virtual_machines: { custom_attributes: { a_b: 'c' }, resource_pools: [] } };
    const result = camelizeKeys({ aws_region: 'eu-west-1', aws_filters: filters, zone: 'a' });
    expect(result).toEqual({ awsRegion: 'eu-west-1', awsFilters: filters, zone: 'a' });
    expect(result.awsFilters).toBe(filters);
  });

  it('returns a new object and leaves the input as it was', () => {
    const input = { garden_project: 'p' };
    camelizeKeys(input);
    expect(input).toEqual({ garden_project: 'p' });
  });

  it('gives an empty object for null and undefined', () => {
    expect(camelizeKeys(null)).toEqual({});
    expect(camelizeKeys(undefined)).toEqual({});
  });

  it('refuses the same key in both spellings, naming both', () => {
    const attempt = () => camelizeKeys({ aws_region: 'a', awsRegion: 'b' }, 'configuration');
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow('configuration sets awsRegion twice (as aws_region and as awsRegion)');
  });

  it('refuses arrays and primitives', () => {
    expect(() => camelizeKeys(['a'], 'secrets')).toThrow('secrets must be an object');
    expect(() => camelizeKeys('aws_region')).toThrow(InvalidArgumentError);
  });

  it('keeps a __proto__ key as data instead of changing the prototype', () => {
    const result = camelizeKeys(JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(result)).toEqual(['__proto__']);
  });
});
