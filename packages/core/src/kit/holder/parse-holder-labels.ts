import { decodeLabelValue } from './decode-label-value';
import type { HolderRecord } from './holder-record';

/**
 * Reads `encodeHolderLabels`' field map (with the same `prefix`). Undefined when it holds no holder, or
 * one whose fields are not what `encodeHolderLabels` writes.
 */
export function parseHolderLabels(
  labels: Readonly<Record<string, string | undefined>>,
  prefix = '',
): HolderRecord | undefined {
  const field = (name: string) => labels[`${prefix}${name}`];
  const run = field('run');
  const host = field('host');
  const pid = field('pid');
  const until = field('until');
  if (run === undefined || run === '' || host === undefined || host === '') return undefined;
  if (pid === undefined || !/^\d+$/.test(pid) || until === undefined || !/^(\d+|none)$/.test(until)) {
    return undefined;
  }
  const holder: HolderRecord = {
    run: decodeLabelValue(run),
    host,
    pid: Number(pid),
    until: until === 'none' ? null : new Date(Number(until) * 1000).toISOString(),
  };
  const ticket = field('ticket');
  if (ticket === 'pending') holder.ticket = null;
  else if (ticket !== undefined && /^\d+$/.test(ticket)) holder.ticket = Number(ticket);
  return holder;
}
