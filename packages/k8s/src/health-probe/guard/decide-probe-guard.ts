import {
  describeProbeHolder,
  isProbeHolderOverdue,
  type ProbeHolder,
  parseProbeHolder,
} from './probe-holder';

/** A heartbeat younger than this means a probe without holder mark (the Python tool's) is running now. */
export const liveHeartbeatAgeSeconds = 15;

/** What the cluster shows of an earlier install. */
export interface ProbeInstallSeen {
  /** Undefined when the probe namespace does not exist. */
  readonly namespace?:
    | {
        readonly terminating: boolean;
        /** The raw `chaos.gardener.cloud/holder` annotation. */
        readonly holderAnnotation?: string | undefined;
      }
    | undefined;
  /** Age of the youngest heartbeat in seconds; undefined when there is none. */
  readonly newestHeartbeatAgeSeconds?: number | undefined;
}

export type ProbeGuardDecision =
  | { readonly verdict: 'free' }
  /** Remove it first, as the probe always did. `reason` says why it is not a live probe. */
  | { readonly verdict: 'left-over'; readonly reason: string }
  | { readonly verdict: 'held'; readonly holder: string };

/**
 * Decides whether a new probe may start. Two probes share the fixed resource names, so they would mix
 * heartbeats and one's roll-back would remove the other; but a left-over of a crashed run must not
 * block every later run either. A terminating namespace is on its way out; a holder past its expected
 * end, or one on this machine whose process is gone, is a left-over. Without a holder mark (the Python
 * tool's install, or ours from before the mark) only a fresh heartbeat shows a live probe.
 */
export function decideProbeGuard(
  seen: ProbeInstallSeen,
  now: Date,
  isAlive: (holder: ProbeHolder) => boolean,
): ProbeGuardDecision {
  const namespace = seen.namespace;
  if (namespace === undefined) return { verdict: 'free' };
  if (namespace.terminating) return { verdict: 'left-over', reason: 'its namespace is being deleted' };
  const holder = parseProbeHolder(namespace.holderAnnotation);
  if (holder !== undefined) {
    if (isProbeHolderOverdue(holder, now)) {
      return { verdict: 'left-over', reason: `its holder ${describeProbeHolder(holder)} is overdue` };
    }
    if (!isAlive(holder)) {
      return {
        verdict: 'left-over',
        reason: `its holder ${describeProbeHolder(holder)} is no longer running`,
      };
    }
    return { verdict: 'held', holder: describeProbeHolder(holder) };
  }
  const age = seen.newestHeartbeatAgeSeconds;
  if (age !== undefined && age <= liveHeartbeatAgeSeconds) {
    return {
      verdict: 'held',
      holder: `a probe without holder mark (the Python tool or an older chaosgarden) whose last heartbeat is ${Math.max(0, Math.round(age))}s old`,
    };
  }
  return {
    verdict: 'left-over',
    reason:
      age === undefined
        ? 'it has no holder mark and no heartbeats'
        : `it has no holder mark and its last heartbeat is ${Math.round(age)}s old`,
  };
}
