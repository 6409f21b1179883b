import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ActivityRun } from '../journal/journal-types';
import { isHealthProbeData } from '../report/health-probe-data';

/**
 * When the activity ran the k8s health probe with a report directory (`reportDirectory` or the Python
 * spelling `report_directory`), copies the per-zone phases of its `metrics.json` into the journal,
 * so the HTML report can draw them without the directory.
 */
export async function attachHealthProbe(run: ActivityRun): Promise<void> {
  const provider = run.activity.provider as { arguments?: Record<string, unknown> } | undefined;
  const directory = provider?.arguments?.reportDirectory ?? provider?.arguments?.report_directory;
  if (typeof directory !== 'string') return;
  try {
    const metrics: unknown = JSON.parse(await readFile(join(directory, 'metrics.json'), 'utf8'));
    if (isHealthProbeData(metrics)) {
      run.healthProbe = { rows: metrics.rows.map(({ probe, zone, phases }) => ({ probe, zone, phases })) };
    }
  } catch {
    // No metrics written (the probe failed before its report): the journal has its error already.
  }
}
