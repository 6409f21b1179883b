import type { LedgerEntry, LedgerEntryInput, RollbackLedger } from '@chaosgarden/core';

/** A ledger that stops answering at one point of a run; see `freezingLedger`. */
export interface FreezingLedger {
  ledger: RollbackLedger;
  /** Resolves when the run reached the point: from then on it is as good as killed. */
  readonly frozen: Promise<void>;
  /** Ends the freeze: every frozen call rejects, later calls pass through, so the run can settle. */
  release(): void;
}

/**
 * Wraps `inner` so that the first roll-back step (`role: 'rollback-step'`) recorded after at least one
 * change, and every ledger call after it, is written and then never answered: the run stands still
 * with all its changes made, as a process killed when it begins to roll back leaves them.
 */
export function freezingLedger(inner: RollbackLedger): FreezingLedger {
  let reached: () => void = () => undefined;
  const frozen = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let changes = 0;
  let state: 'running' | 'frozen' | 'released' = 'running';
  const waiting: ((error: Error) => void)[] = [];
  const standStill = <T>(): Promise<T> =>
    new Promise<T>((_resolve, reject) => {
      waiting.push(reject);
    });
  const freezesAt = (entry: LedgerEntryInput): boolean =>
    state === 'frozen' || (state === 'running' && entry.role === 'rollback-step' && changes > 0);
  const ledger: RollbackLedger = {
    runId: inner.runId,
    recordIntent: async (entry): Promise<LedgerEntry> => {
      if (freezesAt(entry)) {
        await inner.recordIntent(entry);
        state = 'frozen';
        reached();
        return standStill();
      }
      if (entry.role !== 'rollback-step') changes += 1;
      return inner.recordIntent(entry);
    },
    markDone: (intent, details) => (state === 'frozen' ? standStill() : inner.markDone(intent, details)),
    markUndone: (intent) => (state === 'frozen' ? standStill() : inner.markUndone(intent)),
    entries: () => inner.entries(),
  };
  const release = () => {
    state = 'released';
    for (const reject of waiting.splice(0)) {
      reject(new Error('The conformance suite released the frozen run.'));
    }
  };
  return { ledger, frozen, release };
}
