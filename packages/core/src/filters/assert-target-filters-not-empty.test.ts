import { describe, expect, it } from 'vitest';
import { EmptyFiltersRefusedError } from '../errors/empty-filters-refused-error';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { assertTargetFiltersNotEmpty } from './assert-target-filters-not-empty';

describe('assertTargetFiltersNotEmpty', () => {
  const zone = 'eu-west-1a';

  it('refuses when every target filter is empty, telling the caller how to opt in', () => {
    const attempt = () =>
      assertTargetFiltersNotEmpty({
        filters: { vpcs: [], subnets: [] },
        targetKeys: ['vpcs', 'subnets'],
        zone,
      });
    expect(attempt).toThrow(EmptyFiltersRefusedError);
    expect(attempt).toThrow(/filters vpcs, subnets are all empty.*allowEmptyFilters: true/);
  });

  it('passes when one target filter restricts, or when the caller opted in', () => {
    expect(() =>
      assertTargetFiltersNotEmpty({
        filters: { vpcs: [], subnets: ['s'] },
        targetKeys: ['vpcs', 'subnets'],
        zone,
      }),
    ).not.toThrow();
    expect(() =>
      assertTargetFiltersNotEmpty({
        filters: { instances: [] },
        targetKeys: ['instances'],
        zone,
        allowEmptyFilters: true,
      }),
    ).not.toThrow();
  });

  it('ignores non-target filters when deciding', () => {
    expect(() =>
      assertTargetFiltersNotEmpty({
        filters: { instances: [], vpcs: ['v'] },
        targetKeys: ['instances'],
        zone,
      }),
    ).toThrow(EmptyFiltersRefusedError);
  });

  it('rejects an empty list of target keys instead of checking nothing', () => {
    expect(() => assertTargetFiltersNotEmpty({ filters: {}, targetKeys: [], zone })).toThrow(
      InvalidArgumentError,
    );
  });
});
