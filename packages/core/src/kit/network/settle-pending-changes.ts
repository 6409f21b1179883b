import { pendingChanges } from '../../ledger/pending-changes';
import type { ChangeRecorder } from '../recorded-change';

/**
 * Once a roll-back left nothing behind, every change of this run in the zone is undone, also those the
 * roll-back did not undo one by one (an ACL's entries go with the ACL; a change a signal stopped before it
 * was made): marked so in the ledger (only the recorder's provider and zone), a later reconcile does not
 * look for them again.
 */
export async function settlePendingChanges(
  recorder: Pick<ChangeRecorder, 'provider' | 'zone' | 'ledger'>,
): Promise<void> {
  const pending = pendingChanges(await recorder.ledger.entries()).filter(
    (change) => change.intent.provider === recorder.provider && change.intent.zone === recorder.zone,
  );
  for (const change of pending) {
    await recorder.ledger.markUndone(change.intent);
  }
}
