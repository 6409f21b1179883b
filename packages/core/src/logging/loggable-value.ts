import type { LogFields } from './logger';
import { redactionMask, redactSecrets } from './secret-registry';

/**
 * Field names whose values are masked whatever they contain. Covers camelCase and the Python tool's
 * snake_case spellings (`aws_secret_access_key`, `accessKeyId`, `client_secret`, `kubeconfig` tokens).
 */
const secretKeyPattern = /secret|password|passwd|token|access[_-]?key|private|credential|authorization/i;

// Deep enough for a filter or a small SDK response, shallow enough that a whole Kubernetes object
// cannot turn one log line into megabytes.
const maximumDepth = 8;

/** True when a field or configuration key names something that must never be printed. */
export function isSecretKey(key: string): boolean {
  return secretKeyPattern.test(key);
}

/**
 * Turns log fields into plain JSON data with every registered secret redacted and every secret-looking
 * key masked. Errors become `{ name, message, code }`, Maps objects, bigints strings, cycles `[Circular]`.
 */
export function toLoggableFields(fields: LogFields | undefined): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (fields === undefined || fields === null) {
    return result;
  }
  const seen = new Set<object>();
  for (const [key, value] of Object.entries(fields)) {
    const loggable = toLoggable(key, value, seen, 0);
    if (loggable !== undefined) {
      result[key] = loggable;
    }
  }
  return result;
}

function toLoggable(key: string, value: unknown, seen: Set<object>, depth: number): unknown {
  if (value === undefined || value === null) {
    return value;
  }
  if (isSecretKey(key)) {
    return redactionMask;
  }
  switch (typeof value) {
    case 'string':
      return redactSecrets(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value;
    case 'symbol':
      return value.toString();
    case 'function':
      return `[function ${value.name || 'anonymous'}]`;
    default:
      return toLoggableObject(value as object, seen, depth);
  }
}

function toLoggableObject(value: object, seen: Set<object>, depth: number): unknown {
  if (seen.has(value)) {
    return '[Circular]';
  }
  if (depth >= maximumDepth) {
    return '[…]';
  }
  seen.add(value);
  try {
    return convertObject(value, seen, depth + 1);
  } finally {
    seen.delete(value);
  }
}

function convertObject(value: object, seen: Set<object>, depth: number): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return {
      name: value.name,
      message: redactSecrets(value.message),
      ...(typeof code === 'string' ? { code } : {}),
    };
  }
  if (Array.isArray(value) || value instanceof Set) {
    return [...value].map((item) => toLoggable('', item, seen, depth) ?? null);
  }
  if (!(value instanceof Map) && hasToJson(value)) {
    // Dates, PythonFloat and similar know their own JSON shape.
    return toLoggable('', value.toJSON(), seen, depth);
  }
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? value.entries() : Object.entries(value);
  const result: Record<string, unknown> = {};
  for (const [entryKey, entryValue] of entries) {
    const name = String(entryKey);
    const loggable = toLoggable(name, entryValue, seen, depth);
    if (loggable !== undefined) {
      result[name] = loggable;
    }
  }
  return result;
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}
