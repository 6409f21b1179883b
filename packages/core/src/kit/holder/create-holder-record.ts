import { hostIdentity } from '../../locks/host-identity';
import type { HolderRecord } from './holder-record';
import { leaseMarginSeconds } from './lease-margin-seconds';

export interface CreateHolderRecordOptions {
  /** The run's id (its ledger's). */
  run: string;
  /** Whole seconds the run lasts; negative: until stopped (the lease is then renewed while it runs). */
  durationSeconds: number;
  /** Default `Date.now()`. */
  now?: number;
  /** Default `process.env` (for `CHAOSGARDEN_HOST_ID`). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * This process as holder of a run, before it took its place in the claim order (`ticket: null`): its lease
 * lasts the duration plus `leaseMarginSeconds`, or for a run without an end `leaseMarginSeconds` from now
 * (renewed by `createLeaseRenewal`), so that a dead open-ended run's lease runs out too.
 */
export function createHolderRecord(options: CreateHolderRecordOptions): HolderRecord {
  const now = options.now ?? Date.now();
  const seconds = Math.max(0, options.durationSeconds) + leaseMarginSeconds;
  return {
    run: options.run,
    host: hostIdentity(options.env),
    pid: process.pid,
    until: new Date(now + seconds * 1000).toISOString(),
    ticket: null,
  };
}
