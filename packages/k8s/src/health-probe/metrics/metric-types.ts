/** The state of one second of one probe in one zone. `Unknown` marks an inserted gap. */
export type ProbeState = 'Ready' | 'NotReady' | 'Unknown';

/** A heartbeat as read back from the cluster (a `Heartbeat` or `AcknowledgedHeartbeat` object). */
export interface HeartbeatInput {
  /** `<probe>-probe-<zone>-<unix seconds>`. */
  readonly name: string;
  /** Truthy = Ready. */
  readonly ready?: unknown;
  readonly payload?: unknown;
}

/** One recorded (or inserted) second of a series. */
export interface ProbeRecord {
  /** Unix seconds. */
  readonly timestamp: number;
  readonly state: ProbeState;
  /** The heartbeat's payload, or `Gap`, `Gap (Initial)`, `Gap (Final)` for inserted gaps. */
  readonly payload?: string;
}

/** A stretch of one state; its end is `start + durationSeconds`. */
export interface ProbePhase {
  readonly state: ProbeState;
  /** Unix seconds. */
  readonly start: number;
  readonly durationSeconds: number;
}

/** The metrics of one probe in one zone (`regional` for zone-less probes). */
export interface ZoneMetrics {
  readonly probe: string;
  readonly zone: string;
  /** Heartbeats sent: the received count, except for `api`/`regional` where the local attempts count. */
  readonly sent: number;
  /** Distinct heartbeat seconds read back (counted before the initial failure exclusion). */
  readonly received: number;
  /** `sent − received`: heartbeats the cluster acknowledged but lost (data loss). */
  readonly lost: number;
  /** Unknown records inserted for missing heartbeats. */
  readonly gaps: number;
  /** Seconds spent NotReady or Unknown. */
  readonly downtimeSeconds: number;
  readonly phases: readonly ProbePhase[];
  /** Every record after exclusion and gap insertion, sorted by time. */
  readonly records: readonly ProbeRecord[];
}

/** The metrics of one probe kind across zones. */
export interface ProbeMetrics {
  readonly probe: string;
  /** Sum over its zones. */
  readonly downtimeSeconds: number;
  /** Sorted by zone name. */
  readonly zones: readonly ZoneMetrics[];
}

/** What `computeProbeMetrics` returns: every probe kind that sent anything, sorted by name. */
export interface HealthProbeMetrics {
  /** Unix seconds the probing started and stopped. */
  readonly start: number;
  readonly stop: number;
  /** Sum over all probes. */
  readonly downtimeSeconds: number;
  readonly probes: readonly ProbeMetrics[];
}
