import type { HolderRecord } from './holder-record';

/**
 * The holder as a JSON string, exactly as the AWS plugin has always written its holder tag:
 * `{"run":"…","host":"…","pid":42,"until":"2026-…Z","ticket":3}` (`ticket` left out when absent).
 */
export function encodeHolderJson(holder: HolderRecord): string {
  const { run, host, pid, until, ticket } = holder;
  return JSON.stringify(ticket === undefined ? { run, host, pid, until } : { run, host, pid, until, ticket });
}
