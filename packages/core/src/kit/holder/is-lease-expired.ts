import type { HolderRecord } from './holder-record';

/** Whether the holder's lease has run out at `now` (a lease `null`, of an older version, never does). */
export function isLeaseExpired(holder: Pick<HolderRecord, 'until'>, now = Date.now()): boolean {
  if (holder.until === null) return false;
  const until = Date.parse(holder.until);
  return !Number.isNaN(until) && until <= now;
}
