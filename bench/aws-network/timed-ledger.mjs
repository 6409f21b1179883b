// A roll-back ledger that passes every call on to another one and records when each write started and
// ended (performance.now()), so that the bench can show how much of a phase went into the ledger.

/**
 * @param {import('@chaosgarden/core').RollbackLedger} ledger
 * @returns {{ ledger: import('@chaosgarden/core').RollbackLedger, writes: { kind: string, start: number, end: number }[] }}
 */
export function timedLedger(ledger) {
  const writes = [];
  const timed =
    (kind, call) =>
    async (...args) => {
      const start = performance.now();
      try {
        return await call(...args);
      } finally {
        writes.push({ kind, start, end: performance.now() });
      }
    };
  return {
    writes,
    ledger: {
      runId: ledger.runId,
      // A file ledger's path (named when a roll-back is abandoned).
      ...(ledger.path === undefined ? {} : { path: ledger.path }),
      recordIntent: timed('intent', (entry) => ledger.recordIntent(entry)),
      markDone: timed('done', (intent, details) => ledger.markDone(intent, details)),
      markUndone: timed('undone', (intent) => ledger.markUndone(intent)),
      entries: () => ledger.entries(),
    },
  };
}
