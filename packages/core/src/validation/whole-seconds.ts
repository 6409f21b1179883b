import { InvalidArgumentError } from '../errors/invalid-argument-error';

// Plain decimal notation only: `Number()` would also take hex (`0x10`), binary and exponents,
// which no experiment file means as a number of seconds.
const decimalText = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)\s*$/;

export interface WholeSecondsRules {
  /** Option name used in error messages. */
  argument: string;
  /** Truncate fractions toward zero (`true`) or reject them (`false`). */
  truncate: boolean;
  /** Accept negative values. */
  allowNegative: boolean;
  /** Explains the valid range in error messages. */
  expectation: string;
}

/**
 * Reads a number of seconds from a number or numeric text; `null`/`undefined` → 0. Shared by
 * `parseDuration`, `validateRuntimes` and `validateGracePeriod` so they accept the same notations.
 */
export function toWholeSeconds(input: unknown, rules: WholeSecondsRules): number {
  if (input === null || input === undefined) {
    return 0;
  }
  let value: number;
  if (typeof input === 'number') {
    value = input;
  } else if (typeof input === 'string' && decimalText.test(input)) {
    value = Number(input);
  } else {
    throw invalid(input, rules);
  }
  if (!Number.isFinite(value) || (!rules.truncate && !Number.isInteger(value))) {
    throw invalid(input, rules);
  }
  // `+ 0` turns -0 into 0.
  const seconds = Math.trunc(value) + 0;
  if ((!rules.allowNegative && seconds < 0) || !Number.isSafeInteger(seconds)) {
    throw invalid(input, rules);
  }
  return seconds;
}

function invalid(input: unknown, rules: WholeSecondsRules): InvalidArgumentError {
  const shown =
    typeof input === 'string' ? `'${input}'` : typeof input === 'object' ? 'an object' : String(input);
  return new InvalidArgumentError({
    argument: rules.argument,
    message: `${rules.argument} must be ${rules.expectation} (was ${shown}).`,
  });
}
