import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { PythonFloat } from './python-float';
import { pythonFloatRepr } from './python-float-repr';
import { pythonStringRepr } from './python-string-repr';

/**
 * Renders a JSON-like value exactly as Python's `repr()` would after `json.loads` of the same document.
 * The cloud artefact names of the Python tool hash this text (spec §1.8), so it must match byte for byte.
 *
 * - objects and `Map`s → `{'k': v, ...}` in insertion order. A JavaScript object lists integer-like
 *   keys (`"1"`) first whatever the source order; pass a `Map` (see `parseJsonPreservingOrder`) when
 *   such keys may occur.
 * - arrays → `[a, b]`; strings → Python string literal; `true`/`false` → `True`/`False`;
 *   `null`/`undefined` → `None`.
 * - integral numbers and bigints → Python `int`; other numbers and `PythonFloat` → Python `float`
 *   (`1.5`, `1e-05`, `inf`, `nan`). A plain `1` is an int: wrap it in `PythonFloat` to get `1.0`.
 * - a container inside itself → `[...]` / `{...}`, as Python prints recursive containers.
 *
 * @throws InvalidArgumentError for values JSON cannot produce (functions, symbols, class instances, Sets).
 */
export function pythonRepr(value: unknown): string {
  return render(value, new Set());
}

/**
 * Python's `str()`: the text itself for a string, `pythonRepr` for everything else. This is what the
 * Python tool put into f-strings and hashed.
 */
export function pythonStr(value: unknown): string {
  return typeof value === 'string' ? value : pythonRepr(value);
}

function render(value: unknown, active: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return pythonStringRepr(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'undefined':
      return 'None';
    case 'bigint':
      return value.toString();
    case 'number':
      // BigInt prints every digit of a large integral double, as Python's int does; String() would not.
      return Number.isInteger(value) ? BigInt(value).toString() : pythonFloatRepr(value);
    case 'object':
      return value === null ? 'None' : renderObject(value, active);
    default:
      throw unsupported(value);
  }
}

function renderObject(value: object, active: Set<object>): string {
  if (PythonFloat.isInstance(value)) {
    return pythonFloatRepr(value.value);
  }
  const isList = Array.isArray(value);
  if (active.has(value)) {
    return isList ? '[...]' : '{...}';
  }
  if (!isList && !(value instanceof Map) && !isPlainObject(value)) {
    throw unsupported(value);
  }
  active.add(value);
  try {
    if (isList) {
      return `[${Array.from(value, (item) => render(item, active)).join(', ')}]`;
    }
    const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
    return `{${entries.map(([key, item]) => `${render(key, active)}: ${render(item, active)}`).join(', ')}}`;
  } finally {
    active.delete(value);
  }
}

function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function unsupported(value: unknown): InvalidArgumentError {
  const description =
    typeof value === 'object' && value !== null
      ? `an instance of ${value.constructor?.name ?? 'an unknown class'}`
      : `a ${typeof value}`;
  return new InvalidArgumentError({
    argument: 'value',
    message:
      `Cannot render ${description} in Python notation: only JSON data (objects, Maps, arrays, strings, ` +
      'numbers, booleans, null) has a Python repr. Pass the filter as parsed JSON.',
  });
}
