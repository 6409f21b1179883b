import { describe, expect, it } from 'vitest';
import { ageOf, compactAge } from './compact-age';

describe('compactAge', () => {
  it.each([
    [0, '0s'],
    [59, '59s'],
    [312, '5m12s'],
    [3 * 86_400 + 4 * 3600 + 59, '3d4h'],
    [86_400 + 300, '1d5m'],
    [400 * 86_400, '1y35d'],
    [3600, '1h'],
    [-5, '0s'],
    [12.9, '12s'],
  ])('%d s → %s', (seconds, expected) => {
    expect(compactAge(seconds)).toBe(expected);
  });

  it('measures from an ISO timestamp and gives undefined for none', () => {
    expect(ageOf('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:01:30Z'))).toBe('1m30s');
    expect(ageOf(undefined, 0)).toBeUndefined();
    expect(ageOf('not a time', 0)).toBeUndefined();
  });
});
