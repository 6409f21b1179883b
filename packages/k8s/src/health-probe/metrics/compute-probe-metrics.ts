import { parseHeartbeatName } from './heartbeat-name';
import type {
  HealthProbeMetrics,
  HeartbeatInput,
  ProbeMetrics,
  ProbePhase,
  ProbeRecord,
  ProbeState,
  ZoneMetrics,
} from './metric-types';
import { tolerancesOf } from './probe-tolerances';

export interface ComputeProbeMetricsOptions {
  /**
   * In this order (a later heartbeat of the same second overwrites an earlier one): the local API
   * heartbeats that failed, then the `Heartbeat` objects, then the `AcknowledgedHeartbeat` objects.
   */
  readonly heartbeats: Iterable<HeartbeatInput>;
  /** Unix seconds (whole) the probing started / stopped. */
  readonly start: number;
  readonly stop: number;
  /** Local API heartbeat attempts (successful + failed): the `sent` count of `api`/`regional`. */
  readonly apiHeartbeatsSent?: number | undefined;
}

type Series = Map<number, { state: ProbeState; payload?: string }>;

/**
 * The Python tool's metrics (spec §6): heartbeats outside `[start − 5, stop + 15]` are ignored, one
 * record per second and series, then per series the initial failure exclusion, gap insertion with
 * the probe's tolerations, phases and downtime.
 *
 * Deliberate differences, for cases where the Python tool crashed: a series left empty by the exclusion
 * (or an `api` series without any heartbeat) counts as one gap from `start + initial gap toleration`
 * to `stop`; names that are not heartbeat names are ignored.
 */
export function computeProbeMetrics(options: ComputeProbeMetricsOptions): HealthProbeMetrics {
  const { start, stop } = options;
  const series = new Map<string, Map<string, Series>>();
  for (const heartbeat of options.heartbeats) {
    const parsed = parseHeartbeatName(String(heartbeat.name));
    if (parsed === undefined || parsed.timestamp < start - 5 || parsed.timestamp > stop + 15) continue;
    const zones = series.get(parsed.probe) ?? new Map<string, Series>();
    series.set(parsed.probe, zones);
    const records: Series = zones.get(parsed.zone) ?? new Map();
    zones.set(parsed.zone, records);
    const payload =
      typeof heartbeat.payload === 'string' && heartbeat.payload !== '' ? heartbeat.payload : undefined;
    records.set(parsed.timestamp, {
      state: heartbeat.ready ? 'Ready' : 'NotReady',
      ...(payload === undefined ? {} : { payload }),
    });
  }
  if (options.apiHeartbeatsSent !== undefined) {
    const zones = series.get('api') ?? new Map<string, Series>();
    series.set('api', zones);
    if (!zones.has('regional')) zones.set('regional', new Map());
  }
  const probes: ProbeMetrics[] = [...series.keys()].sort().map((probe) => {
    const zones = series.get(probe) as Map<string, Series>;
    const zoneMetrics = [...zones.keys()].sort().map((zone) => {
      const sent = probe === 'api' && zone === 'regional' ? options.apiHeartbeatsSent : undefined;
      return computeSeries(probe, zone, zones.get(zone) as Series, start, stop, sent);
    });
    return { probe, downtimeSeconds: sum(zoneMetrics), zones: zoneMetrics };
  });
  return { start, stop, downtimeSeconds: sum(probes), probes };
}

function computeSeries(
  probe: string,
  zone: string,
  records: Series,
  start: number,
  stop: number,
  sentOverride: number | undefined,
): ZoneMetrics {
  const tolerances = tolerancesOf(probe);
  const received = records.size;
  const sent = sentOverride ?? received;

  // (a) initial failure exclusion (also drops NotReady heartbeats of the 5 s pre-window when it is 0)
  for (const timestamp of sortedKeys(records)) {
    if (timestamp >= start + tolerances.initialFailureExclusion) break;
    if (records.get(timestamp)?.state !== 'NotReady') break;
    records.delete(timestamp);
  }

  // (b) gaps
  const initialGap = Math.max(0, tolerances.initialGapToleration);
  const regularGap = Math.max(1, tolerances.regularGapToleration);
  let gaps = 0;
  const insertGap = (timestamp: number, payload: string) => {
    records.set(timestamp, { state: 'Unknown', payload });
    gaps++;
  };
  const present = sortedKeys(records);
  const first = present[0];
  const last = present[present.length - 1];
  if (first === undefined || last === undefined) {
    if (start + initialGap < stop) {
      insertGap(start + initialGap, 'Gap (Initial)');
      insertGap(stop, 'Gap (Final)');
    }
  } else {
    if (first > start + initialGap) insertGap(start + initialGap, 'Gap (Initial)');
    if (last + regularGap < stop) insertGap(stop, 'Gap (Final)');
    const withEdges = sortedKeys(records);
    for (let index = 1; index < withEdges.length; index++) {
      const previous = withEdges[index - 1] as number;
      const next = withEdges[index] as number;
      for (let gap = previous + regularGap; gap < next; gap += regularGap) insertGap(gap, 'Gap');
    }
  }

  // (c) phases and downtime
  const timestamps = sortedKeys(records);
  const stateAt = (timestamp: number) => (records.get(timestamp) as { state: ProbeState }).state;
  const phases: ProbePhase[] = [];
  let downtimeSeconds = 0;
  if (timestamps.length === 1) {
    phases.push({
      state: stateAt(timestamps[0] as number),
      start: timestamps[0] as number,
      durationSeconds: 0,
    });
  } else if (timestamps.length > 1) {
    let phaseStart = timestamps[0] as number;
    let state = stateAt(phaseStart);
    const lastTimestamp = timestamps[timestamps.length - 1] as number;
    for (const next of timestamps.slice(1)) {
      if (stateAt(next) !== state || next === lastTimestamp) {
        phases.push({ state, start: phaseStart, durationSeconds: next - phaseStart });
        if (state !== 'Ready') downtimeSeconds += next - phaseStart;
        phaseStart = next;
        state = stateAt(next);
      }
    }
  }
  const sortedRecords: ProbeRecord[] = timestamps.map(
    (timestamp) => ({ timestamp, ...records.get(timestamp) }) as ProbeRecord,
  );
  return {
    probe,
    zone,
    sent,
    received,
    lost: sent - received,
    gaps,
    downtimeSeconds,
    phases,
    records: sortedRecords,
  };
}

function sortedKeys(records: Series): number[] {
  return [...records.keys()].sort((a, b) => a - b);
}

function sum(items: readonly { downtimeSeconds: number }[]): number {
  return items.reduce((total, item) => total + item.downtimeSeconds, 0);
}
