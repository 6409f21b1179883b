/**
 * True for a filter value that restricts nothing at the cloud API, so it matches every resource:
 * `null`, `undefined`, `[]`, `{}`, an empty `Map`, and a string that is empty or only whitespace.
 */
export function isEmptyFilter(value: unknown): boolean {
  if (value === null || value === undefined) {
    return true;
  }
  if (typeof value === 'string') {
    // A blank Kusto or GCP filter string restricts nothing either.
    return value.trim() === '';
  }
  if (Array.isArray(value)) {
    return value.length === 0;
  }
  if (value instanceof Map) {
    return value.size === 0;
  }
  if (typeof value === 'object') {
    return Object.keys(value).length === 0;
  }
  return false;
}
