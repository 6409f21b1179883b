/** How lenient the metrics are with one probe kind, in seconds (spec §6.2 table). */
export interface ProbeTolerances {
  /** NotReady heartbeats before `start + initialFailureExclusion` are dropped (start-up noise). */
  readonly initialFailureExclusion: number;
  /** No heartbeat until `start + initialGapToleration` counts as a gap. */
  readonly initialGapToleration: number;
  /** More than this between two heartbeats counts as a gap. */
  readonly regularGapToleration: number;
}

const defaults: ProbeTolerances = {
  initialFailureExclusion: 0,
  initialGapToleration: 30,
  regularGapToleration: 15,
};

/** The Python tool's tables, per probe kind; other probe names get `defaults`. */
export const probeTolerances: Readonly<Record<string, ProbeTolerances>> = {
  api: { initialFailureExclusion: 0, initialGapToleration: 15, regularGapToleration: 15 },
  'api-external': defaults,
  'api-internal': defaults,
  'dns-external': defaults,
  'dns-internal': defaults,
  'dns-management': { initialFailureExclusion: 60, initialGapToleration: 60, regularGapToleration: 30 },
  'pod-lifecycle': { initialFailureExclusion: 0, initialGapToleration: 40, regularGapToleration: 30 },
  'web-hook': { initialFailureExclusion: 50, initialGapToleration: 50, regularGapToleration: 30 },
};

/** The tolerances of a probe kind (the defaults 0/30/15 for kinds not in the table). */
export function tolerancesOf(probe: string): ProbeTolerances {
  return Object.hasOwn(probeTolerances, probe) ? (probeTolerances[probe] as ProbeTolerances) : defaults;
}
