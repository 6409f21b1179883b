import { describe, expect, it } from 'vitest';
import { validateGracePeriod } from './validate-grace-period';

describe('validateGracePeriod', () => {
  it('defaults to 0 and accepts non-negative whole seconds', () => {
    expect(validateGracePeriod(undefined)).toBe(0);
    expect(validateGracePeriod(null)).toBe(0);
    expect(validateGracePeriod(30)).toBe(30);
    expect(validateGracePeriod('0')).toBe(0);
  });

  it.each([[-1], [2.5], ['x'], [Number.NaN]])('rejects %j', (input) => {
    expect(() => validateGracePeriod(input)).toThrow(/gracePeriod must be a non-negative whole number/);
  });
});
