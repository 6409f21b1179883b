import type { HolderRecord } from './holder-record';

/**
 * The total order on the holders of one zone's blocking artefacts: by ticket, then by run id (plain string
 * order, the same on every machine). A holder without a ticket (an older version; no holder at all, the
 * Python tool's) comes first: it never gives way. Negative when `a` goes first.
 */
export function compareHolders(a: HolderRecord | undefined, b: HolderRecord | undefined): number {
  const ticketA = a?.ticket ?? 0;
  const ticketB = b?.ticket ?? 0;
  if (ticketA !== ticketB) return ticketA - ticketB;
  const runA = a?.run ?? '';
  const runB = b?.run ?? '';
  return runA < runB ? -1 : runA > runB ? 1 : 0;
}
