import type { LedgerEntryInput, RollbackLedger } from '@chaosgarden/core';
import type { StandInArtefact } from './conformance-stand-in';
import { describeThrown } from './contract-facts';

/** What the stand-in showed when one ledger call arrived, before the call was passed on. */
export interface StandInSnapshot {
  /** The ledger call that took it, e.g. `recordIntent create-network-acl`. */
  at: string;
  artefacts: readonly StandInArtefact[];
  /** How many intents the inner ledger had accepted when the listing came back. */
  intentsBefore: number;
}

/** A ledger that lists the stand-in at every call; see `watchingLedger`. */
export interface WatchingLedger {
  ledger: RollbackLedger;
  /** Every listing, in the order they came back (they never overlap). */
  readonly snapshots: StandInSnapshot[];
  /** Every intent the inner ledger accepted, in order. */
  readonly intents: LedgerEntryInput[];
  /** Listings that failed, in words. */
  readonly listingErrors: string[];
  /** Lists the stand-in once more, e.g. after the run ended. */
  snapshot(at: string): Promise<void>;
}

/**
 * Wraps `inner` so that every `recordIntent`, `markDone` and `markUndone` first lists the stand-in and
 * only then passes the call on. Listings run one at a time, so their order is the stand-in's order; a
 * change the plugin announced can only be made after its intent was accepted, so a listing that shows a
 * change must come back after its intent (see `unannouncedChanges`).
 */
export function watchingLedger(
  inner: RollbackLedger,
  listArtefacts: () => Promise<readonly StandInArtefact[]>,
): WatchingLedger {
  const snapshots: StandInSnapshot[] = [];
  const intents: LedgerEntryInput[] = [];
  const listingErrors: string[] = [];
  let turn: Promise<void> = Promise.resolve();
  const snapshot = (at: string): Promise<void> => {
    const listed = turn.then(async () => {
      try {
        const artefacts = await listArtefacts();
        snapshots.push({ at, artefacts, intentsBefore: intents.length });
      } catch (error) {
        listingErrors.push(`listing the stand-in at ${at} failed: ${describeThrown(error)}`);
      }
    });
    turn = listed;
    return listed;
  };
  const ledger: RollbackLedger = {
    runId: inner.runId,
    recordIntent: async (entry) => {
      await snapshot(`recordIntent ${entry.action}`);
      const intent = await inner.recordIntent(entry);
      intents.push(entry);
      return intent;
    },
    markDone: async (intent, details) => {
      await snapshot(`markDone ${intent.action}`);
      await inner.markDone(intent, details);
    },
    markUndone: async (intent) => {
      await snapshot(`markUndone ${intent.action}`);
      await inner.markUndone(intent);
    },
    entries: () => inner.entries(),
  };
  return { ledger, snapshots, intents, listingErrors, snapshot };
}
