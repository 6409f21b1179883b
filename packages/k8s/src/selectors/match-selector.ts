import type { ParsedSelector, SelectorRequirement } from './selector-types';

/** A map a selector is matched against: node labels, pod `metadata`, or a pod's first owner reference. */
export type SelectorTarget = Readonly<Record<string, unknown>> | null | undefined;

export interface MatchOptions {
  /**
   * Keys whose values the Python tool saw as non-text (datetimes), e.g. `creationTimestamp` in pod
   * metadata: with the default semantics they never equal or match a value. Default none.
   */
  nonTextKeys?: ReadonlySet<string>;
}

/**
 * True iff every requirement matches `target` (an empty selector matches everything).
 *
 * Default (Python) semantics, per requirement on key `k`:
 * - `==`: `k` is present and its value is the same text; `!=`: the opposite (a missing key matches).
 * - `=~`: `k` is present and the regex matches at the start of its value (prefix match: `web` matches
 *   `web-1`; end it with `$` for a full match); `!~`: the opposite.
 * - A value that is not text (boolean, number, object, null, a timestamp field) never equals or matches.
 *
 * Strict semantics (`selector.strict`): regexes must match the whole value, and booleans, numbers
 * and timestamp fields are compared by their text (`controller==true`).
 */
export function matchesSelector(
  selector: ParsedSelector,
  target: SelectorTarget,
  options: MatchOptions = {},
): boolean {
  return selector.requirements.every((requirement) =>
    matchesRequirement(requirement, target, selector.strict, options),
  );
}

export function matchesRequirement(
  requirement: SelectorRequirement,
  target: SelectorTarget,
  strict: boolean,
  options: MatchOptions = {},
): boolean {
  const hit = isHit(requirement, target, strict, options);
  return requirement.operator === '==' || requirement.operator === '=~' ? hit : !hit;
}

/** Whether the positive form of the requirement (`==` / `=~`) holds. */
function isHit(
  requirement: SelectorRequirement,
  target: SelectorTarget,
  strict: boolean,
  options: MatchOptions,
): boolean {
  if (target === null || target === undefined || !Object.hasOwn(target, requirement.key)) {
    return false;
  }
  const text = comparableText(target[requirement.key], requirement.key, strict, options);
  if (text === undefined) {
    return false;
  }
  if (requirement.operator === '==' || requirement.operator === '!=') {
    return text === requirement.value;
  }
  return requirement.pattern?.test(text) ?? false;
}

function comparableText(
  value: unknown,
  key: string,
  strict: boolean,
  options: MatchOptions,
): string | undefined {
  if (typeof value === 'string') {
    return strict || options.nonTextKeys?.has(key) !== true ? value : undefined;
  }
  if (strict && (typeof value === 'boolean' || typeof value === 'number')) {
    return String(value);
  }
  return undefined;
}
