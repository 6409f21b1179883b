import { execFileSync } from 'node:child_process';
import { readSandboxConnection } from '@chaosgarden/testkit';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeProbeMetrics } from '../src/health-probe/metrics/compute-probe-metrics';

// Feeds the same random heartbeat series to the Python tool's `Metrics` class and to ours.
const script = `
import json, sys
from chaosgarden.k8s.probe.metrics import Metrics
out = []
for case in json.load(sys.stdin):
    try:
        metrics = Metrics(case['heartbeats'], case['start'], case['stop'])
        out.append({p.get_probe_name(): {z.get_zone_name(): {
            'downtime': z.get_downtime(), 'gaps': z.get_heartbeats_gaps(), 'received': z.get_heartbeats_received(),
            'phases': [[phase.state.value, phase.duration] for phase in z._phases]} for z in p} for p in metrics})
    except Exception as error:
        out.append({'error': repr(error)})
print(json.dumps(out))
`;

const probes = [
  'api',
  'api-external',
  'dns-internal',
  'dns-management',
  'pod-lifecycle',
  'web-hook',
  'other-kind',
];
const start = 1_800_000_000;

const caseArbitrary = fc.record({
  stopOffset: fc.integer({ min: 0, max: 150 }),
  heartbeats: fc.array(
    fc.record({
      probe: fc.constantFrom(...probes),
      zone: fc.constantFrom('zone-a', 'Zone-B', 'regional'),
      offset: fc.integer({ min: -10, max: 170 }),
      ready: fc.oneof(fc.boolean(), fc.boolean(), fc.constant(null)),
    }),
    { maxLength: 200 },
  ),
});

describe('metrics parity with the Python tool', () => {
  it('computes the same downtime, gaps, received counts and phases for random heartbeat series', () => {
    const cases = fc.sample(caseArbitrary, { numRuns: 400, seed: 20_261_127 }).map((generated) => ({
      start,
      stop: start + generated.stopOffset,
      heartbeats: generated.heartbeats.map((heartbeat) => ({
        metadata: { name: `${heartbeat.probe}-probe-${heartbeat.zone}-${start + heartbeat.offset}` },
        ready: heartbeat.ready,
      })),
    }));
    const python = readSandboxConnection().referencePython;
    const output = execFileSync(python, ['-c', script], {
      input: JSON.stringify(cases),
      maxBuffer: 64 * 1024 * 1024,
    });
    const expected = JSON.parse(output.toString('utf8')) as Record<string, unknown>[];
    let compared = 0;
    cases.forEach((testCase, index) => {
      const pythonResult = expected[index] as Record<string, unknown>;
      const ours = computeProbeMetrics({
        heartbeats: testCase.heartbeats.map((heartbeat) => ({
          name: heartbeat.metadata.name,
          ready: heartbeat.ready,
        })),
        start: testCase.start,
        stop: testCase.stop,
      });
      if ('error' in pythonResult) {
        // The Python tool crashes when the exclusion empties a series (its defect 5); we count a gap instead.
        expect(String(pythonResult.error)).toMatch(/IndexError/);
        return;
      }
      const mine = Object.fromEntries(
        ours.probes.map((probe) => [
          probe.probe,
          Object.fromEntries(
            probe.zones.map((zone) => [
              zone.zone,
              {
                downtime: zone.downtimeSeconds,
                gaps: zone.gaps,
                received: zone.received,
                phases: zone.phases.map((phase) => [phase.state, phase.durationSeconds]),
              },
            ]),
          ),
        ]),
      );
      expect(mine, JSON.stringify(testCase)).toEqual(pythonResult);
      compared++;
    });
    expect(compared).toBeGreaterThan(300);
  });
});
