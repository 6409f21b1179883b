import type { HolderRecord } from './holder-record';
import { leaseMarginSeconds } from './lease-margin-seconds';

/** The holder with its lease renewed: `leaseMarginSeconds` from `now`, never shorter than it was. */
export function renewHolderLease(holder: HolderRecord, now = Date.now()): HolderRecord {
  const renewed = now + leaseMarginSeconds * 1000;
  const current = holder.until === null ? Number.NaN : Date.parse(holder.until);
  return current >= renewed ? holder : { ...holder, until: new Date(renewed).toISOString() };
}
