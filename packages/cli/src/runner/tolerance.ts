import { ExperimentError } from '../experiment/experiment-error';

/**
 * Whether a probe's output meets its tolerance: `true`/`false`/a string or number compare with the
 * output (for `process` and `http` outputs, a number compares with the exit or HTTP status); a list
 * of two numbers is an inclusive range; another list, the accepted values.
 *
 * @throws ExperimentError for tolerance objects (`regex`, `jsonpath`, …), which are not supported.
 */
export function toleranceMet(tolerance: unknown, output: unknown): boolean {
  if (tolerance === undefined) return true;
  const status =
    typeof output === 'object' && output !== null && 'status' in output
      ? (output as { status: unknown }).status
      : undefined;
  if (typeof tolerance === 'number') return output === tolerance || status === tolerance;
  if (typeof tolerance === 'boolean' || typeof tolerance === 'string' || tolerance === null) {
    return output === tolerance;
  }
  if (Array.isArray(tolerance)) {
    const value = typeof output === 'number' ? output : status;
    const [low, high] = tolerance as unknown[];
    if (tolerance.length === 2 && typeof low === 'number' && typeof high === 'number') {
      return typeof value === 'number' && value >= low && value <= high;
    }
    return tolerance.some((accepted) => accepted === output || accepted === status);
  }
  throw new ExperimentError(
    'Tolerance objects (regex, jsonpath, probe) are not supported; use a value, a list or a [low, high] range.',
  );
}
