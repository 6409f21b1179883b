import { describeError } from '../describe-error';
import type { HolderRecord } from './holder-record';
import { leaseMarginSeconds } from './lease-margin-seconds';
import { renewHolderLease } from './renew-holder-lease';

export interface LeaseRenewalOptions {
  /** The holder as last written (after the claim: with its ticket). */
  holder: HolderRecord;
  /** Writes the renewed holder where the plugin keeps it (tag, label, annotation). */
  write: (holder: HolderRecord) => Promise<void>;
  /** Told about a failed renewal (a warning): it only shortens the lease, the run goes on. */
  onError: (message: string) => void;
  /** How often to renew. Default a third of `leaseMarginSeconds`. */
  everyMs?: number;
  /** Default `Date.now`. */
  now?: () => number;
}

/** The renewal of an open-ended run's lease; `renewIfDue` is called from the run's wait loop. */
export interface LeaseRenewal {
  /** The holder as last renewed. */
  readonly holder: HolderRecord;
  /** Writes a renewed lease when `everyMs` passed since the last one; never throws. */
  renewIfDue(): Promise<void>;
}

/**
 * Keeps a run without an end holding: every `everyMs` it writes the holder with a lease of
 * `leaseMarginSeconds` from now, so that while it runs its lease never runs out, and once it died it does.
 */
export function createLeaseRenewal(options: LeaseRenewalOptions): LeaseRenewal {
  const now = options.now ?? Date.now;
  const everyMs = options.everyMs ?? (leaseMarginSeconds * 1000) / 3;
  let holder = options.holder;
  let next = now() + everyMs;
  return {
    get holder() {
      return holder;
    },
    async renewIfDue() {
      if (now() < next) return;
      next = now() + everyMs;
      const renewed = renewHolderLease(holder, now());
      try {
        await options.write(renewed);
        holder = renewed;
      } catch (error) {
        options.onError(`Renewing the holder's lease failed: ${describeError(error)}`);
      }
    },
  };
}
