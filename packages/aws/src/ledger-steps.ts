import type { LedgerEntry, LedgerEntryInput, RollbackLedger } from '@chaosgarden/core';

/** The part of a context `recordedChange` needs; the compute simulation has one too. */
export interface ChangeRecorder {
  zone: string;
  ledger: RollbackLedger;
  /** Set once the first change was announced: only then is a roll-back needed. */
  changed: boolean;
}

/**
 * Writes the intent (flushed to disk by the file ledger) before `change` runs and the result after
 * it, so that a crash in between can never lose track of the change.
 */
export async function recordedChange<T>(
  context: ChangeRecorder,
  entry: Omit<LedgerEntryInput, 'provider' | 'zone'>,
  change: () => Promise<T>,
  createdIds: (result: T) => readonly string[] = () => [],
): Promise<{ result: T; intent: LedgerEntry }> {
  const intent = await context.ledger.recordIntent({ provider: 'aws', zone: context.zone, ...entry });
  context.changed = true;
  const result = await change();
  const created = createdIds(result).filter((id) => id !== '');
  await context.ledger.markDone(
    intent,
    created.length === 0 ? undefined : { resources: [...intent.resources, ...created] },
  );
  return { result, intent };
}
