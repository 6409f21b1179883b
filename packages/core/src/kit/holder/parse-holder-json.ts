import type { HolderRecord } from './holder-record';

/**
 * Reads `encodeHolderJson`'s string (and every earlier version's: `until` null or missing, no `ticket`).
 * Undefined for no value and for one that is not a holder (garbled, hand-written).
 */
export function parseHolderJson(value: string | undefined): HolderRecord | undefined {
  if (value === undefined) return undefined;
  let parsed: Partial<Record<keyof HolderRecord, unknown>>;
  try {
    parsed = JSON.parse(value) as typeof parsed;
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object') return undefined;
  const { run, host, pid, until, ticket } = parsed;
  if (typeof run !== 'string' || typeof host !== 'string' || typeof pid !== 'number') return undefined;
  const holder: HolderRecord = { run, host, pid, until: typeof until === 'string' ? until : null };
  if (ticket === null || (typeof ticket === 'number' && Number.isFinite(ticket))) {
    holder.ticket = ticket;
  }
  return holder;
}
