import type { HealthProbeMetrics } from './metric-types';
import { type Thresholds, tolerationOf } from './thresholds';

/** One threshold violation, with the Python tool's message. */
export interface ProbeViolation {
  readonly kind: 'data-loss' | 'functional-outage';
  readonly probe: string;
  readonly zone: string;
  readonly message: string;
}

/** Data loss (any `lost`) and downtime above the toleration, per probe and zone (spec §6.3). */
export function assessMetrics(metrics: HealthProbeMetrics, thresholds: Thresholds): ProbeViolation[] {
  const violations: ProbeViolation[] = [];
  for (const probe of metrics.probes) {
    for (const zone of probe.zones) {
      if (zone.lost !== 0) {
        violations.push({
          kind: 'data-loss',
          probe: probe.probe,
          zone: zone.zone,
          message: `Data loss detected: ${zone.sent}x sent, ${zone.received}x received, ${zone.lost}x lost, which means we lost ETCD data!`,
        });
      }
      const toleration = tolerationOf(thresholds, probe.probe, zone.zone);
      if (zone.downtimeSeconds > toleration) {
        violations.push({
          kind: 'functional-outage',
          probe: probe.probe,
          zone: zone.zone,
          message:
            `Functional outage detected: ${probe.probe.toUpperCase()} in zone ${zone.zone.toUpperCase()} was ` +
            `${zone.downtimeSeconds}s not Ready, but only ${toleration}s were tolerated, which means we missed KPI goals!`,
        });
      }
    }
  }
  return violations;
}
