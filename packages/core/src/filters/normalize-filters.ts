import { toCamelCase } from '../compat/case-conversion';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnknownFilterKeyError } from '../errors/unknown-filter-key-error';

export interface NormalizeFiltersOptions<TExpected extends string, TTolerated extends string> {
  /** Keys the action reads. Absent ones are added with a copy of `emptyValue`. */
  expectedKeys: readonly TExpected[];
  /** Keys accepted but not added when absent (they matter to a sibling action). Default none. */
  toleratedKeys?: readonly TTolerated[];
  /** The provider's "no restriction" value: `[]`, `''` or `{}`. Copied for each key it fills in. */
  emptyValue: unknown;
}

export type NormalizedFilters<TExpected extends string, TTolerated extends string> = Record<
  TExpected,
  unknown
> &
  Partial<Record<TTolerated, unknown>>;

/**
 * The Python tool's `norm_filters`, without its mutation: returns a **new** object whose keys are
 * spelled as in `expectedKeys`/`toleratedKeys` (the Python spelling `virtual_machines` is accepted for
 * `virtualMachines` and vice versa, see `toCamelCase`), with every absent expected key set to a fresh
 * copy of `emptyValue`. Values are neither copied nor changed. `null`/`undefined` count as no filters.
 *
 * @throws UnknownFilterKeyError for a key that is neither expected nor tolerated.
 * @throws InvalidArgumentError when `filters` is not an object, or one key is given in both spellings.
 */
export function normalizeFilters<TExpected extends string, TTolerated extends string = never>(
  filters: unknown,
  options: NormalizeFiltersOptions<TExpected, TTolerated>,
): NormalizedFilters<TExpected, TTolerated> {
  const tolerated = options.toleratedKeys ?? [];
  const canonical = new Map<string, string>();
  for (const key of [...options.expectedKeys, ...tolerated]) {
    canonical.set(toCamelCase(key), key);
  }

  const given = new Map<string, [string, unknown]>();
  const unexpected: string[] = [];
  for (const [key, value] of filterEntries(filters)) {
    const target = canonical.get(toCamelCase(key));
    if (target === undefined) {
      unexpected.push(key);
      continue;
    }
    const earlier = given.get(target);
    if (earlier !== undefined) {
      throw new InvalidArgumentError({
        argument: 'filters',
        message: `Filter ${target} is given twice (as ${earlier[0]} and as ${key}); keep one of them.`,
      });
    }
    given.set(target, [key, value]);
  }
  if (unexpected.length > 0) {
    throw new UnknownFilterKeyError({
      unexpectedKeys: unexpected,
      expectedKeys: options.expectedKeys,
      toleratedKeys: tolerated,
    });
  }

  const entries: [string, unknown][] = [...given].map(([target, [, value]]) => [target, value]);
  for (const key of options.expectedKeys) {
    if (!given.has(key)) {
      entries.push([key, structuredClone(options.emptyValue)]);
    }
  }
  // fromEntries defines own properties, so a key named __proto__ cannot reach the prototype.
  return Object.fromEntries(entries) as NormalizedFilters<TExpected, TTolerated>;
}

function filterEntries(filters: unknown): [string, unknown][] {
  if (filters === null || filters === undefined) {
    return [];
  }
  if (filters instanceof Map) {
    return [...filters.entries()].map(([key, value]) => [String(key), value]);
  }
  if (typeof filters !== 'object' || Array.isArray(filters)) {
    throw new InvalidArgumentError({
      argument: 'filters',
      message:
        `filters must be an object of resource kinds to filter values (was ${Array.isArray(filters) ? 'an array' : typeof filters}), ` +
        "e.g. { instances: [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/<technical id>'] }] }.",
    });
  }
  return Object.entries(filters);
}
