/**
 * Process-wide set of secret values that must never appear in a log line or an error message.
 *
 * Kept on `globalThis` under a `Symbol.for` key so that two installed copies of `@chaosgarden/core`
 * (a plugin bundling its own, say) redact the same values. Created on first registration, not on import,
 * so importing core has no side effect.
 */
const registryKey = Symbol.for('chaosgarden.secrets');

/** Values shorter than this are not registered: masking `abc` everywhere would garble ordinary text. */
const minimumSecretLength = 4;

const mask = '***';

type GlobalWithRegistry = typeof globalThis & { [registryKey]?: Set<string> };

function registry(create: boolean): Set<string> | undefined {
  const holder = globalThis as GlobalWithRegistry;
  if (holder[registryKey] === undefined && create) {
    holder[registryKey] = new Set<string>();
  }
  return holder[registryKey];
}

/**
 * Registers a credential so that `redactSecrets`, every chaosgarden logger and every `ChaosgardenError`
 * message replace it with `***`. Non-strings and strings shorter than 4 characters are ignored.
 */
export function registerSecret(value: unknown): void {
  if (typeof value !== 'string' || value.length < minimumSecretLength) {
    return;
  }
  const secrets = registry(true);
  if (secrets === undefined || secrets.has(value)) {
    return;
  }
  secrets.add(value);
  sortedCache = undefined;
}

/**
 * Registers every string value of a secrets record (one level deep and inside nested objects/arrays,
 * e.g. a GCP `serviceAccountInfo` object with its `private_key`).
 */
export function registerSecrets(record: unknown): void {
  visit(record, new Set());
}

function visit(value: unknown, seen: Set<object>): void {
  if (typeof value === 'string') {
    registerSecret(value);
    return;
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return;
  }
  seen.add(value);
  const values = value instanceof Map ? value.values() : Object.values(value);
  for (const item of values) {
    visit(item, seen);
  }
}

// Longest first, so that a secret containing another one is masked as a whole.
let sortedCache: readonly string[] | undefined;

function sortedSecrets(): readonly string[] {
  const secrets = registry(false);
  if (secrets === undefined) {
    return [];
  }
  if (sortedCache === undefined || sortedCache.length !== secrets.size) {
    sortedCache = [...secrets].sort((a, b) => b.length - a.length);
  }
  return sortedCache;
}

/** Returns `text` with every registered secret replaced by `***`. */
export function redactSecrets(text: string): string {
  let result = text;
  for (const secret of sortedSecrets()) {
    if (result.includes(secret)) {
      result = result.split(secret).join(mask);
    }
  }
  return result;
}

/** The replacement `redactSecrets` writes and loggers use for secret-looking fields. */
export const redactionMask = mask;
