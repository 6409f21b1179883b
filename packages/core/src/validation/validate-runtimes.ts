import type { Logger } from '../logging/logger';
import { toWholeSeconds } from './whole-seconds';

export interface RuntimesInput {
  /** Shortest lifetime in seconds before a target is hit. Default 0. Number or decimal text. */
  minRuntime?: unknown;
  /** Longest lifetime in seconds. Default 0; raised to `minRuntime` (with a warning) if smaller. */
  maxRuntime?: unknown;
}

export interface Runtimes {
  minRuntime: number;
  maxRuntime: number;
}

/**
 * Validates the runtime window of compute and pod simulations. Both must be non-negative whole numbers
 * of seconds (the Python tool's `randint` rejected fractions too). A `maxRuntime` below `minRuntime` is
 * raised to it, as the Python tool did silently; here `logger` gets a warning saying so.
 *
 * @throws InvalidArgumentError (argument `minRuntime` or `maxRuntime`).
 */
export function validateRuntimes(input: RuntimesInput, logger: Logger): Runtimes {
  const expectation = 'a non-negative whole number of seconds';
  const minRuntime = toWholeSeconds(input.minRuntime, {
    argument: 'minRuntime',
    truncate: false,
    allowNegative: false,
    expectation,
  });
  const maxRuntime = toWholeSeconds(input.maxRuntime, {
    argument: 'maxRuntime',
    truncate: false,
    allowNegative: false,
    expectation,
  });
  if (maxRuntime < minRuntime) {
    logger.warn(
      `maxRuntime (${maxRuntime}s) is smaller than minRuntime (${minRuntime}s); raising maxRuntime to ${minRuntime}s.`,
    );
    return { minRuntime, maxRuntime: minRuntime };
  }
  return { minRuntime, maxRuntime };
}
