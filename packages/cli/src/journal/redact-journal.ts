import { redactSecrets } from '@chaosgarden/core';

/**
 * A copy with every registered secret value (the experiment's resolved secrets, among others) replaced
 * by `***` in every string: the experiment's literal secrets, outputs that echo a substituted secret,
 * error messages. The journal is a file users share; credentials must not end up in it.
 */
export function redactJournal<T>(value: T): T {
  return redact(value) as T;
}

function redact(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, redact(item)]));
  }
  return value;
}
