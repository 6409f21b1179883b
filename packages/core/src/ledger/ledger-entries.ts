import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { isSecretKey } from '../logging/loggable-value';
import { redactSecrets } from '../logging/secret-registry';
import type { LedgerEntry, LedgerEntryInput } from './rollback-ledger';

/** Builds the `intent` entry for `input`: validated, deep-copied as plain JSON, secrets refused. */
export function intentEntry(
  runId: string,
  sequence: number,
  recordedAt: Date,
  input: LedgerEntryInput,
): LedgerEntry {
  for (const field of ['provider', 'zone', 'action'] as const) {
    if (typeof input[field] !== 'string' || input[field] === '') {
      throw new InvalidArgumentError({
        argument: field,
        message: `A roll-back ledger entry needs a non-empty ${field} string.`,
      });
    }
  }
  assertResources(input.resources);
  if (input.role !== undefined && input.role !== 'change' && input.role !== 'rollback-step') {
    throw new InvalidArgumentError({
      argument: 'role',
      message: `A roll-back ledger entry's role is 'change' or 'rollback-step' (was ${JSON.stringify(input.role)}).`,
    });
  }
  return sanitize({
    runId,
    sequence,
    recordedAt: recordedAt.toISOString(),
    phase: 'intent',
    provider: input.provider,
    zone: input.zone,
    action: input.action,
    resources: [...input.resources],
    ...(input.originalState === undefined ? {} : { originalState: input.originalState }),
    ...(input.undo === undefined ? {} : { undo: input.undo }),
    ...(input.role === undefined || input.role === 'change' ? {} : { role: input.role }),
  });
}

/** Builds the `done`/`undone` entry that refers back to `intent`. */
export function followUpEntry(
  runId: string,
  sequence: number,
  recordedAt: Date,
  phase: 'done' | 'undone',
  intent: LedgerEntry,
  resources: readonly string[] = intent.resources,
): LedgerEntry {
  assertResources(resources);
  return sanitize({
    runId,
    sequence,
    recordedAt: recordedAt.toISOString(),
    phase,
    refersTo: intent.sequence,
    provider: intent.provider,
    zone: intent.zone,
    action: intent.action,
    resources: [...resources],
  });
}

function assertResources(resources: unknown): void {
  if (!Array.isArray(resources) || !resources.every((resource) => typeof resource === 'string')) {
    throw new InvalidArgumentError({
      argument: 'resources',
      message: 'A roll-back ledger entry needs `resources` as an array of id strings.',
    });
  }
}

/**
 * The ledger outlives the process and may be copied into bug reports, so nothing secret may reach
 * it: registered secret values are replaced by `***`, and a key that looks like a secret
 * (`password`, `token`, `privateKey`, …) is refused outright rather than masked, because a masked
 * value would silently break the roll-back that depends on it.
 */
function sanitize(entry: LedgerEntry): LedgerEntry {
  // The JSON round trip also turns Dates and class instances into what a later reader will see.
  const plain: unknown = JSON.parse(JSON.stringify(entry));
  return redact(plain, '') as LedgerEntry;
}

function redact(value: unknown, path: string): unknown {
  if (typeof value === 'string') {
    return redactSecrets(value);
  }
  if (Array.isArray(value)) {
    return value.map((item, index) => redact(item, `${path}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const itemPath = path === '' ? key : `${path}.${key}`;
      if (isSecretKey(key)) {
        throw new InvalidArgumentError({
          argument: itemPath.split(/[.[]/)[0] ?? itemPath,
          message: `Refusing to write ${itemPath} to the roll-back ledger: its name looks like a secret. Leave credentials out of ledger entries; record ids and the state to restore only.`,
        });
      }
      result[redactSecrets(key)] = redact(item, itemPath);
    }
    return result;
  }
  return value;
}
