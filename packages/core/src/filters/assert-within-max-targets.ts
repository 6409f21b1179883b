import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { TooManyTargetsError } from '../errors/too-many-targets-error';

/**
 * Checks a `maxTargets` option early, before any cloud call. `undefined` means no limit.
 *
 * @throws InvalidArgumentError unless it is `undefined` or a non-negative integer.
 */
export function validateMaxTargets(maxTargets: unknown): number | undefined {
  if (maxTargets === undefined) {
    return undefined;
  }
  if (typeof maxTargets !== 'number' || !Number.isSafeInteger(maxTargets) || maxTargets < 0) {
    throw new InvalidArgumentError({
      argument: 'maxTargets',
      message: `maxTargets must be a non-negative whole number, or left out for no limit (was ${String(maxTargets)}).`,
    });
  }
  return maxTargets;
}

export interface AssertWithinMaxTargetsOptions {
  /** How many targets matched. */
  found: number;
  /** The caller's limit. Default `undefined`: no limit. */
  maxTargets?: number;
  /** What was counted, plural: `instances`, `subnets`, `pods`. */
  kind: string;
  /** Named in the error message. */
  zone?: string;
}

/**
 * Refuses to go on when more targets matched than the caller allowed. Call it after listing and before
 * the first change, so that nothing is touched.
 *
 * @throws TooManyTargetsError when `found > maxTargets`.
 * @throws InvalidArgumentError when `maxTargets` is not a non-negative integer.
 */
export function assertWithinMaxTargets(options: AssertWithinMaxTargetsOptions): void {
  const limit = validateMaxTargets(options.maxTargets);
  if (limit !== undefined && options.found > limit) {
    throw new TooManyTargetsError({ found: options.found, limit, kind: options.kind, zone: options.zone });
  }
}
