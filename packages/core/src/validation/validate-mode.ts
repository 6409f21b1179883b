import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { pythonRepr } from '../naming/python-repr';

/**
 * The Python tool's `validate_mode`: `mode` must be exactly one of `supported` (case-sensitive).
 * The message keeps the Python wording, lists the modes in Python list notation and, for a case
 * slip (`Total`), names the intended mode.
 *
 * @throws InvalidArgumentError (argument `mode`).
 */
export function validateMode<const TMode extends string>(mode: unknown, supported: readonly TMode[]): TMode {
  if (typeof mode === 'string' && (supported as readonly string[]).includes(mode)) {
    return mode as TMode;
  }
  const shown = typeof mode === 'string' ? mode : String(mode);
  const nearMiss =
    typeof mode === 'string'
      ? supported.find((candidate) => candidate.toLowerCase() === mode.toLowerCase())
      : undefined;
  const hint =
    nearMiss === undefined
      ? 'Pass one of them exactly.'
      : `Did you mean '${nearMiss}'? Modes are case-sensitive.`;
  throw new InvalidArgumentError({
    argument: 'mode',
    message: `Mode ${shown} unsupported (supported modes are ${pythonRepr([...supported])})! ${hint}`,
  });
}
