import { PythonFloat } from './python-float';

/**
 * Turns `parseJsonPreservingOrder` output back into what `JSON.parse` would have returned: `Map`s become
 * plain objects (integer-like keys then move first, as in any JavaScript object), `PythonFloat`s numbers,
 * and `bigint`s numbers (losing digits beyond 2^53, as `JSON.parse` does). Arrays and plain objects
 * are copied; anything else (a `Date`, a class instance) passes through unchanged.
 */
export function toPlainJson(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return Number(value);
  }
  if (typeof value !== 'object' || value === null) {
    return value;
  }
  if (PythonFloat.isInstance(value)) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return value.map(toPlainJson);
  }
  if (value instanceof Map) {
    return Object.fromEntries([...value.entries()].map(([key, item]) => [String(key), toPlainJson(item)]));
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toPlainJson(item)]));
  }
  return value;
}
