import { toWholeSeconds } from './whole-seconds';

/**
 * The Python tool's `validate_duration`, returning the duration as whole seconds:
 * `null`/`undefined` → 0 (one pass); numbers are truncated toward zero; decimal text such as `"60"` or
 * `" -1 "` is accepted. Negative means "until stopped" and is kept.
 *
 * Deliberate difference: text with a fraction (`"1.5"`) is truncated like a number (→ 1), where the
 * Python tool's `int("1.5")` failed. Hex, exponents, `""`, `NaN`, `Infinity`, booleans and objects are errors.
 *
 * @throws InvalidArgumentError (argument `duration`).
 */
export function parseDuration(input: unknown): number {
  return toWholeSeconds(input, {
    argument: 'duration',
    truncate: true,
    allowNegative: true,
    expectation:
      'a whole number of seconds (0 = one pass, negative = until stopped), as a number or decimal text like "60"',
  });
}
