import {
  createHolderRecord,
  describeHolderRecord,
  type HolderRecord,
  holderState,
  isLeaseExpired,
} from '@chaosgarden/core';
import type { Manifest } from '../resources/probe-manifests';
import { holderAnnotation } from '../resources/probe-resource-names';

/**
 * Who installed the probe, as written into the namespace's `chaos.gardener.cloud/holder` annotation: core's
 * holder record (`HolderRecord`) in the probe's own field names, which every version reads and writes.
 */
export interface ProbeHolder {
  /** The run's ledger id (`HolderRecord.run`). */
  readonly runId: string;
  /** The installing machine's `hostIdentity()` (`HolderRecord.host`; older versions wrote the raw host name). */
  readonly hostname: string;
  readonly pid: number;
  /** ISO-8601. */
  readonly startedAt: string;
  /**
   * ISO-8601 end of the holder's lease (`HolderRecord.until`): start + duration + `leaseMarginSeconds`,
   * after which the install counts as a left-over even if nobody removed it. Renewed while an open-ended
   * probe runs.
   */
  readonly expectedEnd: string;
}

export interface CreateProbeHolderOptions {
  readonly runId: string;
  /** Seconds of probing as parsed; < 0 (until stopped) is covered by renewing the holder's lease. */
  readonly durationSeconds: number;
  readonly now?: Date;
}

export function createProbeHolder(options: CreateProbeHolderOptions): ProbeHolder {
  const now = options.now ?? new Date();
  const record = createHolderRecord({
    run: options.runId,
    durationSeconds: options.durationSeconds,
    now: now.getTime(),
  });
  return toProbeHolder(record, now.toISOString());
}

/** The annotation's holder as core's holder record. */
export function probeHolderRecord(holder: ProbeHolder): HolderRecord {
  return { run: holder.runId, host: holder.hostname, pid: holder.pid, until: holder.expectedEnd };
}

/** Core's holder record in the annotation's field names. */
export function toProbeHolder(record: HolderRecord, startedAt: string): ProbeHolder {
  return {
    runId: record.run,
    hostname: record.host,
    pid: record.pid,
    startedAt,
    expectedEnd: record.until ?? startedAt,
  };
}

/** The annotation's holder, or `undefined` when it is missing or not ours to read (hand-edited, garbled). */
export function parseProbeHolder(text: string | undefined): ProbeHolder | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ProbeHolder>;
    const complete =
      typeof value.runId === 'string' &&
      typeof value.hostname === 'string' &&
      typeof value.pid === 'number' &&
      typeof value.startedAt === 'string' &&
      typeof value.expectedEnd === 'string' &&
      !Number.isNaN(Date.parse(value.expectedEnd));
    return complete ? (value as ProbeHolder) : undefined;
  } catch {
    return undefined;
  }
}

/** `run <id> (pid 42 on host a, since …, expected to end by …)`: what an error shows of a holder. */
export function describeProbeHolder(holder: ProbeHolder): string {
  return describeHolderRecord(probeHolderRecord(holder), {
    since: holder.startedAt,
    lease: 'expected to end by',
  });
}

/** Whether the holder's lease (its expected end) has run out at `now`. */
export function isProbeHolderOverdue(holder: ProbeHolder, now: Date): boolean {
  return isLeaseExpired(probeHolderRecord(holder), now.getTime());
}

/**
 * False only for a holder on this machine (same host identity) whose process is gone (a SIGKILLed probe),
 * by core's `holderState`; a holder elsewhere cannot be checked and counts as alive until its `expectedEnd`.
 */
export function isHolderProcessAlive(holder: ProbeHolder): boolean {
  const record = probeHolderRecord(holder);
  // The lease is judged on its own (`isProbeHolderOverdue`): here only the process counts.
  return holderState({ ...record, until: null }) !== 'dead';
}

/** The manifests with the holder written into the namespace's annotations. */
export function withHolderAnnotation(manifests: readonly Manifest[], holder: ProbeHolder): Manifest[] {
  return manifests.map((manifest) =>
    manifest.kind === 'Namespace'
      ? {
          ...manifest,
          metadata: {
            ...manifest.metadata,
            annotations: {
              ...(manifest.metadata.annotations as Record<string, string> | undefined),
              [holderAnnotation]: JSON.stringify(holder),
            },
          },
        }
      : manifest,
  );
}
