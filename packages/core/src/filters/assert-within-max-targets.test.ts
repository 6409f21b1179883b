import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { TooManyTargetsError } from '../errors/too-many-targets-error';
import { assertWithinMaxTargets, validateMaxTargets } from './assert-within-max-targets';

describe('assertWithinMaxTargets', () => {
  it('refuses more targets than allowed, with found count, limit and kind', () => {
    const attempt = () =>
      assertWithinMaxTargets({ found: 12, maxTargets: 10, kind: 'instances', zone: 'z1' });
    expect(attempt).toThrow(TooManyTargetsError);
    expect(attempt).toThrow('Found 12 instances in zone z1, more than maxTargets (10); nothing was changed.');
  });

  it('passes at the limit and without a limit', () => {
    expect(() => assertWithinMaxTargets({ found: 10, maxTargets: 10, kind: 'pods' })).not.toThrow();
    expect(() => assertWithinMaxTargets({ found: 10_000, kind: 'pods' })).not.toThrow();
    expect(() => assertWithinMaxTargets({ found: 1, maxTargets: 0, kind: 'pods' })).toThrow(
      TooManyTargetsError,
    );
  });

  it.each([[-1], [1.5], [Number.NaN], [Number.POSITIVE_INFINITY], ['3']])(
    'rejects maxTargets %j',
    (maxTargets) => {
      expect(() => validateMaxTargets(maxTargets)).toThrow(InvalidArgumentError);
      expect(() =>
        assertWithinMaxTargets({ found: 0, maxTargets: maxTargets as number, kind: 'pods' }),
      ).toThrow(/maxTargets must be a non-negative whole number/);
    },
  );
});
