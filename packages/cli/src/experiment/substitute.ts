import { type OrderedJsonValue, pythonStr } from '@chaosgarden/core';

/** Where `${name}` placeholders are looked up: configuration first, then every secret scope. */
export type Lookup = (name: string) => OrderedJsonValue | undefined;

const whole = /^\$\{([^${}]+)\}$/;
const embedded = /\$\{([^${}]+)\}/g;

/**
 * Replaces `${name}` placeholders in strings, recursively in maps and lists (Chaos Toolkit's rule).
 * A string that is exactly one placeholder becomes the value itself, with its type (map, list,
 * number, bool); placeholders inside longer strings are replaced by the value's Python `str()`.
 * Unknown placeholders stay as written, as Chaos Toolkit leaves them.
 */
export function substitute(value: OrderedJsonValue, lookup: Lookup): OrderedJsonValue {
  if (typeof value === 'string') {
    const single = whole.exec(value);
    if (single?.[1] !== undefined) {
      const found = lookup(single[1]);
      return found === undefined ? value : found;
    }
    return value.replace(embedded, (placeholder, name: string) => {
      const found = lookup(name);
      if (found === undefined) return placeholder;
      return typeof found === 'string' ? found : pythonStr(found);
    });
  }
  if (Array.isArray(value)) {
    return value.map((item) => substitute(item, lookup));
  }
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, substitute(item, lookup)]));
  }
  return value;
}

/** The placeholders in a value that the lookup does not know (for `--dry-run` and warnings). */
export function unknownPlaceholders(value: OrderedJsonValue, lookup: Lookup): string[] {
  const found = new Set<string>();
  const visit = (node: OrderedJsonValue): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(embedded)) {
        if (match[1] !== undefined && lookup(match[1]) === undefined) found.add(match[1]);
      }
    } else if (Array.isArray(node)) {
      node.forEach(visit);
    } else if (node instanceof Map) {
      for (const item of node.values()) visit(item);
    }
  };
  visit(value);
  return [...found];
}
