import { toWholeSeconds } from './whole-seconds';

/**
 * Pod deletion grace period in whole seconds: `null`/`undefined` → 0 (the Python tool's default);
 * numbers or decimal text; must be a non-negative integer.
 *
 * @throws InvalidArgumentError (argument `gracePeriod`).
 */
export function validateGracePeriod(input: unknown): number {
  return toWholeSeconds(input, {
    argument: 'gracePeriod',
    truncate: false,
    allowNegative: false,
    expectation: 'a non-negative whole number of seconds',
  });
}
