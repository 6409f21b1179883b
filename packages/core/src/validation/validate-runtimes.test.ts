import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { createMemoryLogger } from '../logging/memory-logger';
import { validateRuntimes } from './validate-runtimes';

describe('validateRuntimes', () => {
  it('defaults both runtimes to 0 without logging', () => {
    const logger = createMemoryLogger();
    expect(validateRuntimes({}, logger)).toEqual({ minRuntime: 0, maxRuntime: 0 });
    expect(logger.entries).toEqual([]);
  });

  it('accepts numbers, integral floats and decimal text', () => {
    const logger = createMemoryLogger();
    expect(validateRuntimes({ minRuntime: '10', maxRuntime: 20.0 }, logger)).toEqual({
      minRuntime: 10,
      maxRuntime: 20,
    });
  });

  it('raises maxRuntime to minRuntime and says so in a warning', () => {
    const logger = createMemoryLogger();
    expect(validateRuntimes({ minRuntime: 30, maxRuntime: 5 }, logger)).toEqual({
      minRuntime: 30,
      maxRuntime: 30,
    });
    expect(logger.lines()).toEqual([
      '[Warning] maxRuntime (5s) is smaller than minRuntime (30s); raising maxRuntime to 30s.',
    ]);
  });

  it.each([
    [{ minRuntime: -1 }, 'minRuntime'],
    [{ maxRuntime: -5 }, 'maxRuntime'],
    [{ minRuntime: 1.5 }, 'minRuntime'],
    [{ maxRuntime: 'soon' }, 'maxRuntime'],
    [{ minRuntime: Number.POSITIVE_INFINITY }, 'minRuntime'],
  ])('rejects %j naming %s', (input, argument) => {
    try {
      validateRuntimes(input, createMemoryLogger());
      expect.unreachable('validateRuntimes should have thrown');
    } catch (error) {
      expect(InvalidArgumentError.isInstance(error) && error.argument).toBe(argument);
      expect((error as Error).message).toContain(
        `${argument} must be a non-negative whole number of seconds`,
      );
    }
  });
});
