import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { parseDuration } from './parse-duration';

describe('parseDuration', () => {
  it.each([
    [null, 0],
    [undefined, 0],
    [0, 0],
    [60, 60],
    [-1, -1],
    [1.9, 1],
    [-1.9, -1],
    [-0.5, 0],
    ['60', 60],
    [' -1 ', -1],
    ['+5', 5],
    ['1.5', 1],
    ['007', 7],
  ])('reads %j as %d seconds', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it('returns 0 rather than -0 for small negative fractions', () => {
    expect(Object.is(parseDuration(-0.5), 0)).toBe(true);
  });

  it.each([
    ['abc'],
    [''],
    ['   '],
    ['1e3'],
    ['0x10'],
    ['1_000'],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [Number.NEGATIVE_INFINITY],
    [true],
    [{}],
    [[60]],
    [1e300],
  ])('rejects %j with an error about duration', (input) => {
    const attempt = () => parseDuration(input);
    expect(attempt).toThrow(InvalidArgumentError);
    try {
      attempt();
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.argument).toBe('duration');
      expect((error as Error).message).toMatch(/^duration must be a whole number of seconds/);
    }
  });
});
