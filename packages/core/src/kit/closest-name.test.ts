import { describe, expect, it } from 'vitest';
import { closestName } from './closest-name';

const known = ['rollbackLeftovers', 'rollbackSignal', 'rollbackTimeoutSeconds', 'allowPartial', 'zone'];

describe('closestName', () => {
  it('finds a snake_case or differently cased spelling of a known name', () => {
    expect(closestName('rollback_leftovers', known)).toBe('rollbackLeftovers');
    expect(closestName('AllowPartial', known)).toBe('allowPartial');
  });

  it('finds a name a letter or a swap away', () => {
    expect(closestName('rollbakLeftovers', known)).toBe('rollbackLeftovers');
    expect(closestName('alowPartial', known)).toBe('allowPartial');
    expect(closestName('zoen', known)).toBe('zone');
  });

  it('names nothing when no known name is close', () => {
    expect(closestName('region', known)).toBeUndefined();
    expect(closestName('x', known)).toBeUndefined();
  });
});
