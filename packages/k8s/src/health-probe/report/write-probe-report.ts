import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProbeViolation } from '../metrics/assess-metrics';
import type { HealthProbeMetrics } from '../metrics/metric-types';
import type { Thresholds } from '../metrics/thresholds';
import { probeReport } from './probe-report-data';
import { renderProbeReport } from './render-probe-report';

/** Writes `metrics.json` and `report.html` into `directory` (created if missing); returns their paths. */
export async function writeProbeReport(
  directory: string,
  metrics: HealthProbeMetrics,
  thresholds: Thresholds,
  violations: readonly ProbeViolation[],
  host: string,
): Promise<{ json: string; html: string }> {
  const report = probeReport(host, metrics, thresholds, violations);
  await mkdir(directory, { recursive: true });
  const json = join(directory, 'metrics.json');
  const html = join(directory, 'report.html');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(html, renderProbeReport(report));
  return { json, html };
}
