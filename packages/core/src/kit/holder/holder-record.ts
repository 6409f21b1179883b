/**
 * Who holds a simulation's artefacts in the cloud (or a lock, or a probe install): the run, the machine
 * (`hostIdentity()`), its process and until when its lease lasts. Every plugin stores it its own way (a
 * tag, a label, an annotation, metadata) with the encodings of this kit.
 */
export interface HolderRecord {
  /** The run's id (its roll-back ledger's). */
  run: string;
  /** The holder's host identity (`hostIdentity()`; older versions wrote the raw host name). */
  host: string;
  pid: number;
  /**
   * ISO time after which the holder's lease has run out and it counts as ended. A run without an end
   * writes a lease it renews while it runs; `null` is what older versions wrote for such a run (never
   * runs out).
   */
  until: string | null;
  /**
   * The run's place in the claim order (`claimZone`): null while the run is still taking it, a number from
   * 1 once taken. Absent in records of versions without the claim, which never give way.
   */
  ticket?: number | null;
}

/**
 * `alive`: the holder provably still runs (a live process of this host identity, within its lease);
 * `dead`: it provably ended (its lease ran out, or its process on this host is gone); `unknown`: anything
 * else (another host within its lease, or no holder at all).
 */
export type HolderState = 'alive' | 'dead' | 'unknown';
