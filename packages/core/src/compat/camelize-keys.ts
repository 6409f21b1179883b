import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { toCamelCase } from './case-conversion';

/**
 * A new object with every top-level key of `record` converted by `toCamelCase`: the Python tool's
 * `arguments`, `configuration` and `secrets` (`aws_region` → `awsRegion`). Values are left untouched,
 * nested keys too: filter values, label keys and a GCP `serviceAccountInfo` object keep their spelling.
 * `null`/`undefined` give `{}`.
 *
 * @param argument names the record in error messages (`configuration`, `secrets`, ...). Default `record`.
 * @throws InvalidArgumentError when `record` is not an object, or two keys map to one name
 *   (`aws_region` and `awsRegion` both given).
 */
export function camelizeKeys(record: unknown, argument = 'record'): Record<string, unknown> {
  if (record === null || record === undefined) {
    return {};
  }
  if (typeof record !== 'object' || Array.isArray(record)) {
    throw new InvalidArgumentError({
      argument,
      message: `${argument} must be an object of names to values (was ${Array.isArray(record) ? 'an array' : typeof record}).`,
    });
  }
  const entries: [string, unknown][] = [];
  const origins = new Map<string, string>();
  for (const [key, value] of Object.entries(record)) {
    const name = toCamelCase(key);
    const earlier = origins.get(name);
    if (earlier !== undefined) {
      throw new InvalidArgumentError({
        argument,
        message: `${argument} sets ${name} twice (as ${earlier} and as ${key}); keep one of them.`,
      });
    }
    origins.set(name, key);
    entries.push([name, value]);
  }
  // fromEntries defines own properties, so a key named __proto__ cannot reach the prototype.
  return Object.fromEntries(entries);
}
