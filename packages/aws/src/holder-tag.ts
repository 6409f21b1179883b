import { hostIdentity, isProcessAlive, isThisHost } from '@chaosgarden/core';
import type { AwsTag } from './original-associations';

/**
 * Our own tag on a blocking network ACL, naming the run that holds it, until when it expects to hold
 * it and its place in the claim order: `{"run":"…","host":"…","pid":42,"until":"2026-…Z","ticket":3}`
 * (`until` null: no end was set; `host`: `hostIdentity()`). The Python tool writes no such tag; its
 * ACLs have no known holder.
 */
export const HOLDER_TAG_KEY = 'gardener.cloud/chaos/chaosgarden-holder';

/** Set-up and roll-back time a run may take beyond its duration before its lease counts as expired. */
const leaseMarginSeconds = 15 * 60;

export interface AclHolder {
  run: string;
  host: string;
  pid: number;
  /** ISO time after which the holder must have finished, or null for a run without an end. */
  until: string | null;
  /**
   * The run's place in the claim order (`holder-claim.ts`): null while the run is still taking it, a
   * number from 1 once taken. Absent in records of versions without the claim, which never give way.
   */
  ticket?: number | null;
}

/**
 * This process as holder of a run lasting `durationSeconds` (negative: until stopped), before it took
 * its place in the claim order.
 */
export function currentHolder(runId: string, durationSeconds: number, now = Date.now()): AclHolder {
  const until =
    durationSeconds < 0 ? null : new Date(now + (durationSeconds + leaseMarginSeconds) * 1000).toISOString();
  return { run: runId, host: hostIdentity(), pid: process.pid, until, ticket: null };
}

export function holderTag(holder: AclHolder): AwsTag {
  return { Key: HOLDER_TAG_KEY, Value: JSON.stringify(holder) };
}

/** The holder recorded in an ACL's tags; undefined for the Python tool's ACLs (or an unreadable tag). */
export function holderOf(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[],
): AclHolder | undefined {
  const value = tags.find((tag) => tag.Key === HOLDER_TAG_KEY)?.Value;
  if (value === undefined) return undefined;
  try {
    const parsed = JSON.parse(value) as Partial<AclHolder>;
    if (typeof parsed.run !== 'string' || typeof parsed.host !== 'string' || typeof parsed.pid !== 'number') {
      return undefined;
    }
    const holder: AclHolder = {
      run: parsed.run,
      host: parsed.host,
      pid: parsed.pid,
      until: parsed.until ?? null,
    };
    if (parsed.ticket === null || (typeof parsed.ticket === 'number' && Number.isFinite(parsed.ticket))) {
      holder.ticket = parsed.ticket;
    }
    return holder;
  } catch {
    return undefined;
  }
}

/**
 * `alive` when the holder provably still runs (a process of this host identity), `dead` when it
 * provably ended (its process on this host is gone, or its lease expired), `unknown` otherwise (another
 * host within its lease, or no holder tag at all).
 */
export function holderState(holder: AclHolder | undefined, now = Date.now()): 'alive' | 'dead' | 'unknown' {
  if (holder === undefined) return 'unknown';
  if (isThisHost(holder.host)) {
    return isProcessAlive(holder.pid) ? 'alive' : 'dead';
  }
  if (holder.until !== null && Date.parse(holder.until) < now) return 'dead';
  return 'unknown';
}

export function describeAclHolder(holder: AclHolder | undefined): string {
  if (holder === undefined) {
    return 'a run without a holder tag (the Python chaosgarden tool, or a run that is over)';
  }
  const until = holder.until === null ? 'no end set' : `lease until ${holder.until}`;
  return `run ${holder.run} (pid ${holder.pid} on host ${holder.host}, ${until})`;
}
