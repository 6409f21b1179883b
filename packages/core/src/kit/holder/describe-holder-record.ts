import type { HolderRecord } from './holder-record';

export interface DescribeHolderOptions {
  /** When the holder started (ISO), shown as `since …`. */
  since?: string | undefined;
  /**
   * How the lease is named: `lease until …` (default), `expected to end by …` (the health probe's
   * words), or left out (a lock on this machine, checked by its pid only).
   */
  lease?: 'lease until' | 'expected to end by' | 'omit';
}

/**
 * What a message shows of a holder: `run <id> (pid 42 on host a, lease until 2026-…Z)`; `no end set` for a
 * lease of an older version's run without an end.
 */
export function describeHolderRecord(
  holder: Pick<HolderRecord, 'run' | 'host' | 'pid' | 'until'>,
  options: DescribeHolderOptions = {},
): string {
  const details = [`pid ${holder.pid} on host ${holder.host}`];
  if (options.since !== undefined) details.push(`since ${options.since}`);
  const lease = options.lease ?? 'lease until';
  if (lease !== 'omit') details.push(holder.until === null ? 'no end set' : `${lease} ${holder.until}`);
  return `run ${holder.run} (${details.join(', ')})`;
}
