/** A health probe's phase in one zone (from `@chaosgarden/k8s`'s `metrics.json`). */
export interface HealthProbePhase {
  state: string;
  /** Unix seconds. */
  start: number;
  durationSeconds: number;
}

/** One probe in one zone. */
export interface HealthProbeRow {
  probe: string;
  zone: string;
  phases: HealthProbePhase[];
}

/** The part of the health probe's report the HTML report shows. */
export interface HealthProbeData {
  rows: HealthProbeRow[];
}

/** Whether a value looks like the health probe's report (`rows` with `zone` and `phases`). */
export function isHealthProbeData(value: unknown): value is HealthProbeData {
  const rows = (value as { rows?: unknown } | null)?.rows;
  return (
    Array.isArray(rows) &&
    rows.every(
      (row) =>
        typeof (row as HealthProbeRow).zone === 'string' &&
        typeof (row as HealthProbeRow).probe === 'string' &&
        Array.isArray((row as HealthProbeRow).phases),
    )
  );
}
