import { describe, expect, it } from 'vitest';
import { assessMetrics } from './assess-metrics';
import { computeProbeMetrics } from './compute-probe-metrics';
import { formatMetrics } from './format-metrics';
import { parseThresholds } from './thresholds';

const start = 1_700_000_000;
const beats = (probe: string, zone: string, ready: (offset: number) => boolean) =>
  Array.from({ length: 61 }, (_, offset) => ({
    name: `${probe}-probe-${zone}-${start + offset}`,
    ready: ready(offset),
  }));

const metrics = computeProbeMetrics({
  heartbeats: [
    ...beats('api', 'regional', () => true),
    ...beats('api-external', 'zone-a', (offset) => offset < 20 || offset >= 40),
    ...beats('api-external', 'zone-b', () => true),
  ],
  start,
  stop: start + 60,
  apiHeartbeatsSent: 62,
});

describe('assessMetrics', () => {
  it('reports downtime above the toleration with the Python message, upper-cased names', () => {
    const violations = assessMetrics(
      metrics,
      parseThresholds({ regional: { api: 0 }, '!regional': { 'api-external': 15 } }),
    );
    expect(violations.filter((violation) => violation.kind === 'functional-outage')).toEqual([
      {
        kind: 'functional-outage',
        probe: 'api-external',
        zone: 'zone-a',
        message:
          'Functional outage detected: API-EXTERNAL in zone ZONE-A was 20s not Ready, but only 15s were tolerated, which means we missed KPI goals!',
      },
    ]);
  });

  it('accepts downtime equal to the toleration', () => {
    const violations = assessMetrics(metrics, parseThresholds({ 'zone-a': { 'api-external': 20 } }));
    expect(violations.some((violation) => violation.kind === 'functional-outage')).toBe(false);
  });

  it('reports data loss whatever the thresholds', () => {
    const violations = assessMetrics(
      metrics,
      parseThresholds({ regional: { api: 1000 }, '!regional': { 'api-external': 1000 } }),
    );
    expect(violations).toEqual([
      {
        kind: 'data-loss',
        probe: 'api',
        zone: 'regional',
        message: 'Data loss detected: 62x sent, 61x received, 1x lost, which means we lost ETCD data!',
      },
    ]);
  });
});

describe('formatMetrics', () => {
  it('prints the Python dump: probe, zone counters, phases at info and records at debug', () => {
    const lines = formatMetrics(metrics, parseThresholds({ 'zone-a': { 'api-external': 30 } }));
    const info = lines.filter((line) => line.level === 'info').map((line) => line.text);
    expect(info).toContain('- Probe:  API-EXTERNAL (20s total downtime)');
    expect(info).toContain(
      '  - Zone: ZONE-A (61x sent, 61x received, 0x gaps, 0x lost, 20s total downtime and 30s maximum toleration)',
    );
    expect(info).toContain('    -  NotReady for   20s');
    expect(info.slice(0, 2)).toEqual(['Metrics:', '- Probe:  API (0s total downtime)']);
    const debug = lines.filter((line) => line.level === 'debug').map((line) => line.text);
    expect(debug).toContain('    Records:');
    expect(debug.filter((text) => /^ {4}- {5}Ready at \d\d:\d\d:\d\d$/.test(text))).toHaveLength(
      61 + 41 + 61,
    );
  });
});
