import { describe, expect, it } from 'vitest';
import { isEmptyFilter } from './is-empty-filter';

describe('isEmptyFilter', () => {
  it.each([[[]], [''], ['  '], [{}], [null], [undefined], [new Map()]])('treats %j as empty', (value) => {
    expect(isEmptyFilter(value)).toBe(true);
  });

  it.each([[['x']], ['name=x'], [{ metadata: 'x' }], [0], [false], [new Map([['a', 1]])]])(
    'treats %j as a restriction',
    (value) => {
      expect(isEmptyFilter(value)).toBe(false);
    },
  );
});
