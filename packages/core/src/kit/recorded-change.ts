import type { LedgerEntry, LedgerEntryInput, RollbackLedger } from '../ledger/rollback-ledger';

/** What `recordedChange` needs of a call's context: every simulation of every plugin has one. */
export interface ChangeRecorder {
  /** The plugin's provider id (`aws`, `k8s`, …): its reconcile finds its entries by it. */
  readonly provider: string;
  zone: string;
  ledger: RollbackLedger;
  /** Set once the first change was announced: only then is a roll-back needed. */
  changed: boolean;
}

/**
 * Writes the intent (flushed to disk by the file ledger) before `change` runs and the result after
 * it, so that a crash in between can never lose track of the change. `createdIds` names resources the
 * change created (a new ACL, a new association); they are added to the entry's resources.
 */
export async function recordedChange<T>(
  context: ChangeRecorder,
  entry: Omit<LedgerEntryInput, 'provider' | 'zone'>,
  change: () => Promise<T>,
  createdIds: (result: T) => readonly string[] = () => [],
): Promise<{ result: T; intent: LedgerEntry }> {
  const intent = await context.ledger.recordIntent({
    provider: context.provider,
    zone: context.zone,
    ...entry,
  });
  context.changed = true;
  const result = await change();
  const created = createdIds(result).filter((id) => id !== '');
  await context.ledger.markDone(
    intent,
    created.length === 0 ? undefined : { resources: [...intent.resources, ...created] },
  );
  return { result, intent };
}
