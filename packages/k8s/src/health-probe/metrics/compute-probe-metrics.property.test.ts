import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeProbeMetrics } from './compute-probe-metrics';

const start = 1_700_000_000;
const stop = start + 120;

/** A series of `api-external` heartbeats at the given offsets (0..120) with their readiness. */
const seriesArbitrary = fc
  .uniqueArray(fc.record({ offset: fc.integer({ min: 0, max: 120 }), ready: fc.boolean() }), {
    selector: (entry) => entry.offset,
    minLength: 1,
    maxLength: 121,
  })
  .map((entries) => entries.sort((a, b) => a.offset - b.offset));

function zoneOf(entries: { offset: number; ready: boolean }[]) {
  const metrics = computeProbeMetrics({
    heartbeats: entries.map((entry) => ({
      name: `api-external-probe-z-${start + entry.offset}`,
      ready: entry.ready,
    })),
    start,
    stop,
  });
  return metrics.probes[0]?.zones[0];
}

describe('computeProbeMetrics properties', () => {
  it('splits the time between first and last record into phases without overlap or hole', () => {
    fc.assert(
      fc.property(seriesArbitrary, (entries) => {
        const zone = zoneOf(entries);
        if (zone === undefined) return;
        const first = zone.records[0]?.timestamp ?? 0;
        const last = zone.records.at(-1)?.timestamp ?? 0;
        const total = zone.phases.reduce((sum, phase) => sum + phase.durationSeconds, 0);
        expect(total).toBe(last - first);
        let cursor = first;
        for (const phase of zone.phases) {
          expect(phase.start).toBe(cursor);
          cursor += phase.durationSeconds;
        }
        const down = zone.phases
          .filter((phase) => phase.state !== 'Ready')
          .reduce((sum, phase) => sum + phase.durationSeconds, 0);
        expect(zone.downtimeSeconds).toBe(down);
      }),
    );
  });

  it('never lowers the downtime when a heartbeat turns from Ready to NotReady', () => {
    fc.assert(
      fc.property(seriesArbitrary, fc.nat(), (entries, pick) => {
        const ready = entries.filter((entry) => entry.ready);
        if (ready.length === 0) return;
        const target = ready[pick % ready.length];
        const worse = entries.map((entry) => (entry === target ? { ...entry, ready: false } : entry));
        expect(zoneOf(worse)?.downtimeSeconds).toBeGreaterThanOrEqual(zoneOf(entries)?.downtimeSeconds ?? 0);
      }),
    );
  });

  it('reports no downtime and no gap when Ready heartbeats never pause longer than the tolerations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 15 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 30 }),
        (steps, first) => {
          const offsets = [first];
          for (const step of steps) {
            const next = (offsets.at(-1) as number) + step;
            if (next > 120) break;
            offsets.push(next);
          }
          if ((offsets.at(-1) as number) + 15 < 120) return; // would end with a final gap
          const zone = zoneOf(offsets.map((offset) => ({ offset, ready: true })));
          expect(zone).toMatchObject({ gaps: 0, downtimeSeconds: 0 });
        },
      ),
    );
  });

  it('counts a NotReady stretch inside an every-second Ready series exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 19 }), (from, length) => {
        const entries = Array.from({ length: 121 }, (_, offset) => ({
          offset,
          ready: offset < from || offset >= from + length,
        }));
        expect(zoneOf(entries)?.downtimeSeconds).toBe(length);
      }),
    );
  });

  it('does not care about heartbeat order or exact duplicates', () => {
    fc.assert(
      fc.property(seriesArbitrary, (entries) => {
        const shuffled = [...entries, ...entries].reverse();
        expect(zoneOf(shuffled)).toEqual(zoneOf(entries));
      }),
    );
  });
});
