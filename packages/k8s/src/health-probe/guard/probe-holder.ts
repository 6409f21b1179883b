import { hostIdentity, isProcessAlive, isThisHost } from '@chaosgarden/core';
import type { Manifest } from '../resources/probe-manifests';
import { holderAnnotation } from '../resources/probe-resource-names';

/** Who installed the probe, as written into the namespace's `chaos.gardener.cloud/holder` annotation. */
export interface ProbeHolder {
  /** The run's ledger id. */
  readonly runId: string;
  /** The installing machine's `hostIdentity()` (`CHAOSGARDEN_HOST_ID`; older versions wrote the raw host name). */
  readonly hostname: string;
  readonly pid: number;
  /** ISO-8601. */
  readonly startedAt: string;
  /**
   * ISO-8601 time after which the install counts as a left-over even if nobody removed it: start +
   * duration + a generous margin for set-up, read-back and roll-back. Renewed while an open-ended probe runs.
   */
  readonly expectedEnd: string;
}

/**
 * Room after `duration` for what a probe does besides probing: set-up (up to a minute per object when
 * the API server is slow), reading heartbeats back (up to 75 s of retries) and roll-back (`cleanupTimeoutMs`).
 */
export const holderMarginMs = 10 * 60_000;

export interface CreateProbeHolderOptions {
  readonly runId: string;
  /** Seconds of probing as parsed; < 0 (until stopped) is covered by renewing the holder. */
  readonly durationSeconds: number;
  readonly cleanupTimeoutMs: number;
  readonly now?: Date;
}

export function createProbeHolder(options: CreateProbeHolderOptions): ProbeHolder {
  const now = options.now ?? new Date();
  return {
    runId: options.runId,
    hostname: hostIdentity(),
    pid: process.pid,
    startedAt: now.toISOString(),
    expectedEnd: expectedEnd(now, options.durationSeconds, options.cleanupTimeoutMs).toISOString(),
  };
}

/** The holder with a fresh `expectedEnd`, for a probe that runs until stopped. */
export function renewProbeHolder(
  holder: ProbeHolder,
  cleanupTimeoutMs: number,
  now = new Date(),
): ProbeHolder {
  return { ...holder, expectedEnd: expectedEnd(now, -1, cleanupTimeoutMs).toISOString() };
}

function expectedEnd(now: Date, durationSeconds: number, cleanupTimeoutMs: number): Date {
  return new Date(now.getTime() + Math.max(0, durationSeconds) * 1000 + holderMarginMs + cleanupTimeoutMs);
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
  return (
    `run ${holder.runId} (pid ${holder.pid} on host ${holder.hostname}, since ${holder.startedAt}, ` +
    `expected to end by ${holder.expectedEnd})`
  );
}

/**
 * False only for a holder on this machine (same host identity) whose process is gone (a SIGKILLed
 * probe); a holder elsewhere cannot be checked and counts as alive until its `expectedEnd`.
 */
export function isHolderProcessAlive(holder: ProbeHolder): boolean {
  return !isThisHost(holder.hostname) || isProcessAlive(holder.pid);
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
