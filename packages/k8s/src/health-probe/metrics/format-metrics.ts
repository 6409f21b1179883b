import { formatClockTime } from '@chaosgarden/core';
import type { HealthProbeMetrics } from './metric-types';
import { type Thresholds, tolerationOf } from './thresholds';

/** One line of the human summary, with the level the Python tool logged it at. */
export interface SummaryLine {
  readonly level: 'info' | 'debug';
  readonly text: string;
}

/** The Python tool's metrics dump (spec §6.4): per probe, per zone, phases (info) and records (debug). */
export function formatMetrics(metrics: HealthProbeMetrics, thresholds: Thresholds): SummaryLine[] {
  const lines: SummaryLine[] = [{ level: 'info', text: 'Metrics:' }];
  const info = (text: string) => lines.push({ level: 'info', text });
  for (const probe of metrics.probes) {
    info(`- Probe:  ${probe.probe.toUpperCase()} (${probe.downtimeSeconds}s total downtime)`);
    for (const zone of probe.zones) {
      const toleration = tolerationOf(thresholds, probe.probe, zone.zone);
      info(
        `  - Zone: ${zone.zone.toUpperCase()} (${zone.sent}x sent, ${zone.received}x received, ${zone.gaps}x gaps, ` +
          `${zone.lost}x lost, ${zone.downtimeSeconds}s total downtime and ${toleration}s maximum toleration)`,
      );
      for (const phase of zone.phases) {
        info(`    - ${phase.state.padStart(9)} for ${String(phase.durationSeconds).padStart(4)}s`);
      }
      lines.push({ level: 'debug', text: '    Records:' });
      for (const record of zone.records) {
        const payload = record.payload === undefined ? '' : ` (${record.payload})`;
        lines.push({
          level: 'debug',
          text: `    - ${record.state.padStart(9)} at ${formatClockTime(record.timestamp * 1000)}${payload}`,
        });
      }
    }
  }
  return lines;
}
