import { describe, expect, it } from 'vitest';
import { computeProbeMetrics } from './compute-probe-metrics';
import type { HeartbeatInput, ZoneMetrics } from './metric-types';

const start = 1_700_000_000;

/** Heartbeats `<probe>-probe-<zone>-<start + offset>`; `ready` per offset from the callback. */
function series(
  probe: string,
  zone: string,
  offsets: Iterable<number>,
  ready: (offset: number) => boolean = () => true,
) {
  return [...offsets].map((offset) => ({
    name: `${probe}-probe-${zone}-${start + offset}`,
    ready: ready(offset),
  }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

function zoneOf(
  heartbeats: HeartbeatInput[],
  stop: number,
  probe: string,
  zone: string,
  apiSent?: number,
): ZoneMetrics {
  const metrics = computeProbeMetrics({ heartbeats, start, stop: start + stop, apiHeartbeatsSent: apiSent });
  const found = metrics.probes
    .find((entry) => entry.probe === probe)
    ?.zones.find((entry) => entry.zone === zone);
  if (found === undefined) throw new Error(`no series ${probe}/${zone}`);
  return found;
}

describe('computeProbeMetrics', () => {
  it('reports no downtime and no gaps for a heartbeat every second', () => {
    const zone = zoneOf(series('api-external', 'zone-a', range(0, 60)), 60, 'api-external', 'zone-a');
    expect(zone).toMatchObject({ sent: 61, received: 61, lost: 0, gaps: 0, downtimeSeconds: 0 });
    expect(zone.phases).toEqual([{ state: 'Ready', start, durationSeconds: 60 }]);
  });

  it('counts a NotReady stretch from its first heartbeat to the next Ready one', () => {
    const heartbeats = series(
      'api-internal',
      'zone-b',
      range(0, 60),
      (offset) => offset < 20 || offset >= 31,
    );
    const zone = zoneOf(heartbeats, 60, 'api-internal', 'zone-b');
    expect(zone.downtimeSeconds).toBe(11);
    expect(zone.phases.map((phase) => [phase.state, phase.durationSeconds])).toEqual([
      ['Ready', 20],
      ['NotReady', 11],
      ['Ready', 29],
    ]);
  });

  it('lets the state of the very last heartbeat contribute no time', () => {
    const heartbeats = series('dns-internal', 'z', range(0, 60), (offset) => offset !== 60);
    const zone = zoneOf(heartbeats, 60, 'dns-internal', 'z');
    expect(zone.downtimeSeconds).toBe(0);
    expect(zone.phases).toEqual([{ state: 'Ready', start, durationSeconds: 60 }]);
  });

  it('tolerates a pause up to the regular gap toleration (15 s) without inserting a gap', () => {
    const heartbeats = series('api-external', 'z', [...range(0, 20), ...range(35, 60)]);
    expect(zoneOf(heartbeats, 60, 'api-external', 'z')).toMatchObject({ gaps: 0, downtimeSeconds: 0 });
  });

  it('inserts Unknown every 15 s after the last heartbeat of a longer pause and counts it as downtime', () => {
    const heartbeats = series('api-external', 'z', [...range(0, 20), ...range(52, 60)]);
    const zone = zoneOf(heartbeats, 60, 'api-external', 'z');
    // 20 + 15 = 35 and 20 + 30 = 50 are < 52: two gap records; Unknown from 35 until 52.
    expect(zone.gaps).toBe(2);
    expect(
      zone.records.filter((record) => record.state === 'Unknown').map((record) => record.timestamp - start),
    ).toEqual([35, 50]);
    expect(zone.records.find((record) => record.timestamp === start + 35)?.payload).toBe('Gap');
    expect(zone.downtimeSeconds).toBe(17);
  });

  it('uses the 30 s regular gap toleration of pod-lifecycle', () => {
    const heartbeats = series('pod-lifecycle', 'z', [0, 25, 55, 100, 120]);
    const zone = zoneOf(heartbeats, 120, 'pod-lifecycle', 'z');
    // 55 → 100: gap at 85 (downtime 85..100 = 15); the others are within 30 s.
    expect(zone.gaps).toBe(1);
    expect(zone.downtimeSeconds).toBe(15);
  });

  it('inserts an initial gap at start + initial toleration when the first heartbeat comes later', () => {
    const zone = zoneOf(series('api-external', 'z', range(40, 90)), 90, 'api-external', 'z');
    expect(zone.records[0]).toEqual({ timestamp: start + 30, state: 'Unknown', payload: 'Gap (Initial)' });
    expect(zone).toMatchObject({ gaps: 1, downtimeSeconds: 10 });
  });

  it('uses 15 s as the initial gap toleration of api and 40 s for pod-lifecycle', () => {
    expect(zoneOf(series('api', 'regional', range(16, 60)), 60, 'api', 'regional').downtimeSeconds).toBe(1);
    expect(zoneOf(series('pod-lifecycle', 'z', [39, 60]), 60, 'pod-lifecycle', 'z').gaps).toBe(0);
    expect(zoneOf(series('pod-lifecycle', 'z', [41, 60]), 60, 'pod-lifecycle', 'z').downtimeSeconds).toBe(1);
  });

  it('inserts a final gap at stop when the heartbeats end more than the regular toleration before it', () => {
    const zone = zoneOf(series('dns-external', 'z', range(0, 40)), 90, 'dns-external', 'z');
    // Gap (Final) at 90, regular gaps at 55 and 70 and 85; Unknown from 55 to 90.
    expect(zone.records.at(-1)).toEqual({ timestamp: start + 90, state: 'Unknown', payload: 'Gap (Final)' });
    expect(zone.gaps).toBe(4);
    expect(zone.downtimeSeconds).toBe(35);
    expect(zone.phases.map((phase) => [phase.state, phase.durationSeconds])).toEqual([
      ['Ready', 55],
      ['Unknown', 35],
    ]);
  });

  it('drops NotReady heartbeats before start + the initial failure exclusion (web-hook: 50 s)', () => {
    const heartbeats = series('web-hook', 'regional', range(0, 90), (offset) => offset >= 45);
    const zone = zoneOf(heartbeats, 90, 'web-hook', 'regional');
    expect(zone.received).toBe(91);
    expect(zone.records[0]?.timestamp).toBe(start + 45);
    expect(zone.downtimeSeconds).toBe(0);
  });

  it('stops the exclusion at the first Ready heartbeat', () => {
    const heartbeats = series(
      'web-hook',
      'regional',
      range(0, 90),
      (offset) => offset !== 10 && offset !== 11 && offset >= 5,
    );
    const zone = zoneOf(heartbeats, 90, 'web-hook', 'regional');
    // 0..4 dropped; 5 Ready stops the exclusion, so the NotReady 10..11 count (2 s).
    expect(zone.records[0]?.timestamp).toBe(start + 5);
    expect(zone.downtimeSeconds).toBe(2);
  });

  it('counts NotReady heartbeats after the exclusion window of dns-management (60 s)', () => {
    const heartbeats = series('dns-management', 'z', range(0, 120), (offset) => offset >= 70);
    const zone = zoneOf(heartbeats, 120, 'dns-management', 'z');
    // 0..59 dropped; 60..69 NotReady remain.
    expect(zone.records[0]?.timestamp).toBe(start + 60);
    expect(zone.downtimeSeconds).toBe(10);
  });

  it('also drops NotReady heartbeats of the 5 s pre-window for probes without exclusion', () => {
    const heartbeats = series('api-external', 'z', range(-5, 60), (offset) => offset >= -2);
    const zone = zoneOf(heartbeats, 60, 'api-external', 'z');
    expect(zone.records[0]?.timestamp).toBe(start - 2);
    expect(zone.downtimeSeconds).toBe(0);
  });

  it('ignores heartbeats outside [start − 5, stop + 15]', () => {
    const heartbeats = series('api-external', 'z', [-6, -5, 0, 60, 75, 76]);
    expect(zoneOf(heartbeats, 60, 'api-external', 'z').received).toBe(4);
  });

  it('keeps one record per second, the later heartbeat winning', () => {
    const heartbeats = [
      { name: `api-probe-regional-${start + 3}`, ready: false },
      ...series('api', 'regional', range(0, 10)),
    ];
    const zone = zoneOf(heartbeats, 10, 'api', 'regional');
    expect(zone.received).toBe(11);
    expect(zone.downtimeSeconds).toBe(0);
  });

  it('reports data loss for api/regional when fewer heartbeats came back than were sent', () => {
    const zone = zoneOf(series('api', 'regional', range(0, 9)), 10, 'api', 'regional', 12);
    expect(zone).toMatchObject({ sent: 12, received: 10, lost: 2 });
  });

  it('treats a series the exclusion empties as one gap over the whole window instead of crashing', () => {
    const heartbeats = series('web-hook', 'regional', range(0, 40), () => false);
    const zone = zoneOf(heartbeats, 90, 'web-hook', 'regional');
    expect(zone).toMatchObject({ received: 41, gaps: 2, downtimeSeconds: 40 });
  });

  it('creates the api/regional series from the sent count when no api heartbeat came back', () => {
    const zone = zoneOf(series('api-external', 'z', range(0, 30)), 30, 'api', 'regional', 3);
    expect(zone).toMatchObject({ sent: 3, received: 0, lost: 3, downtimeSeconds: 15 });
  });

  it('lower-cases names, keeps payloads and sorts probes and zones', () => {
    const metrics = computeProbeMetrics({
      heartbeats: [
        { name: `DNS-External-probe-Zone-B-${start}`, ready: true, payload: '10.0.0.1' },
        { name: `dns-external-probe-zone-a-${start}`, ready: 'yes' },
        { name: `api-external-probe-zone-a-${start}`, ready: 0 },
        { name: 'not-a-heartbeat', ready: true },
      ],
      start,
      stop: start + 1,
    });
    expect(metrics.probes.map((probe) => [probe.probe, probe.zones.map((zone) => zone.zone)])).toEqual([
      ['api-external', ['zone-a']],
      ['dns-external', ['zone-a', 'zone-b']],
    ]);
    expect(metrics.probes[1]?.zones[1]?.records[0]).toEqual({
      timestamp: start,
      state: 'Ready',
      payload: '10.0.0.1',
    });
    expect(metrics.probes[0]?.zones[0]?.phases).toEqual([{ state: 'NotReady', start, durationSeconds: 0 }]);
  });

  it('sums downtime per probe over its zones and over all probes', () => {
    const heartbeats = [
      ...series('api-external', 'a', range(0, 60), (offset) => offset < 10 || offset > 14),
      ...series('api-external', 'b', range(0, 60), (offset) => offset < 30 || offset > 32),
      ...series('dns-internal', 'a', range(0, 60), (offset) => offset !== 50),
    ];
    const metrics = computeProbeMetrics({ heartbeats, start, stop: start + 60 });
    expect(metrics.probes.map((probe) => probe.downtimeSeconds)).toEqual([5 + 3, 1]);
    expect(metrics.downtimeSeconds).toBe(9);
  });
});
