import type { LedgerEntry, LedgerEntryInput, RollbackLedger } from '@chaosgarden/core';

export interface InterruptingLedger {
  ledger: RollbackLedger;
  /** Resolves when the first matching intent arrived; from then on the run is "dead" at that point. */
  interrupted: Promise<void>;
  /** Changes announced before the interruption whose result is not recorded yet. */
  inFlight(): number;
  /** Ends the freeze: every frozen `recordIntent` rejects, so the abandoned run can finish. */
  release(): void;
}

/**
 * Wraps a ledger so that the run freezes forever at the first intent `matches` selects (and at every
 * later one), after writing it: the same state as a process killed right after announcing a change and before making it.
 */
export function interruptingLedger(
  inner: RollbackLedger,
  matches: (entry: LedgerEntryInput) => boolean,
): InterruptingLedger {
  let reached: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => {
    reached = resolve;
  });
  let frozen = false;
  let frozenCount = 0;
  const frozenRejects: ((error: Error) => void)[] = [];
  let recorded = 0;
  let done = 0;
  const ledger: RollbackLedger = {
    runId: inner.runId,
    recordIntent: async (entry) => {
      const intent = await inner.recordIntent(entry);
      recorded++;
      if (frozen || matches(entry)) {
        frozen = true;
        frozenCount++;
        reached();
        return new Promise<LedgerEntry>((_resolve, reject) => frozenRejects.push(reject));
      }
      return intent;
    },
    markDone: async (intent, details) => {
      await inner.markDone(intent, details);
      done++;
    },
    markUndone: (intent) => inner.markUndone(intent),
    entries: () => inner.entries(),
  };
  return {
    ledger,
    interrupted,
    inFlight: () => recorded - done - frozenCount,
    release: () => {
      for (const reject of frozenRejects.splice(0)) {
        reject(new Error('The test released the interrupted run.'));
      }
    },
  };
}

/**
 * Wraps a ledger and runs `check` on every intent before passing it on; the check sees the cloud
 * as it is when the intent is written, i.e. before the change it announces.
 */
export function checkingLedger(
  inner: RollbackLedger,
  check: (entry: LedgerEntryInput) => Promise<void>,
): RollbackLedger {
  return {
    runId: inner.runId,
    recordIntent: async (entry) => {
      await check(entry);
      return inner.recordIntent(entry);
    },
    markDone: (intent, details) => inner.markDone(intent, details),
    markUndone: (intent) => inner.markUndone(intent),
    entries: () => inner.entries(),
  };
}
