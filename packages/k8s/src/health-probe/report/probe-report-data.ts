import type { ProbeViolation } from '../metrics/assess-metrics';
import type { HealthProbeMetrics, ProbePhase } from '../metrics/metric-types';
import { type Thresholds, tolerationOf } from '../metrics/thresholds';

/** One row of the report: a probe in a zone. */
export interface ProbeReportRow {
  readonly probe: string;
  readonly zone: string;
  readonly sent: number;
  readonly received: number;
  readonly lost: number;
  readonly gaps: number;
  readonly downtimeSeconds: number;
  readonly tolerationSeconds: number;
  readonly phases: readonly ProbePhase[];
}

/** What `metrics.json` holds and the HTML report shows. */
export interface ProbeReport {
  readonly host: string;
  /** Unix seconds. */
  readonly start: number;
  readonly stop: number;
  readonly downtimeSeconds: number;
  readonly rows: readonly ProbeReportRow[];
  readonly violations: readonly ProbeViolation[];
}

export function probeReport(
  host: string,
  metrics: HealthProbeMetrics,
  thresholds: Thresholds,
  violations: readonly ProbeViolation[],
): ProbeReport {
  return {
    host,
    start: metrics.start,
    stop: metrics.stop,
    downtimeSeconds: metrics.downtimeSeconds,
    rows: metrics.probes.flatMap((probe) =>
      probe.zones.map((zone) => ({
        probe: probe.probe,
        zone: zone.zone,
        sent: zone.sent,
        received: zone.received,
        lost: zone.lost,
        gaps: zone.gaps,
        downtimeSeconds: zone.downtimeSeconds,
        tolerationSeconds: tolerationOf(thresholds, probe.probe, zone.zone),
        phases: zone.phases,
      })),
    ),
    violations,
  };
}
