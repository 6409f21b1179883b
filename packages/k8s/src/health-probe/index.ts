export type { ProbeHolder } from './guard/probe-holder';
export type { ProbeViolation } from './metrics/assess-metrics';
export { assessMetrics } from './metrics/assess-metrics';
export type { ComputeProbeMetricsOptions } from './metrics/compute-probe-metrics';
export { computeProbeMetrics } from './metrics/compute-probe-metrics';
export type { SummaryLine } from './metrics/format-metrics';
export { formatMetrics } from './metrics/format-metrics';
export type { HeartbeatName } from './metrics/heartbeat-name';
export { heartbeatName, parseHeartbeatName } from './metrics/heartbeat-name';
export type {
  HealthProbeMetrics,
  HeartbeatInput,
  ProbeMetrics,
  ProbePhase,
  ProbeRecord,
  ProbeState,
  ZoneMetrics,
} from './metrics/metric-types';
export type { ProbeTolerances } from './metrics/probe-tolerances';
export { probeTolerances, tolerancesOf } from './metrics/probe-tolerances';
export type { Thresholds, ThresholdsInput } from './metrics/thresholds';
export { parseThresholds, substituteZoneIndexes, tolerationOf } from './metrics/thresholds';
export { reconcileClusterHealthProbe } from './reconcile/reconcile-cluster-health-probe';
export type {
  ClusterHealthProbeReconcileReport,
  ProbeObjectReference,
  ReconcileClusterHealthProbeOptions,
} from './reconcile/reconcile-options';
export type { ProbeReport, ProbeReportRow } from './report/probe-report-data';
export { probeReport } from './report/probe-report-data';
export { renderProbeReport } from './report/render-probe-report';
export type { Manifest, ProbeManifestOptions } from './resources/probe-manifests';
export { probeManifests } from './resources/probe-manifests';
export { defaultProbeImage, holderAnnotation, probeNamespace } from './resources/probe-resource-names';
export {
  rollbackClusterHealthProbe,
  runClusterHealthProbe,
  runClusterHealthProbeInBackground,
} from './runner/cluster-health-probe';
export { HealthProbeFailedError } from './runner/health-probe-failed-error';
export type {
  ClusterHealthProbeOptions,
  RollbackClusterHealthProbeOptions,
} from './runner/health-probe-options';
