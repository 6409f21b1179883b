import type { LedgerEntry } from '@chaosgarden/core';
import type { HealthProbeData } from '../report/health-probe-data';

/** `succeeded`/`failed` as in Chaos Toolkit; `interrupted` when a signal stopped the activity. */
export type RunStatus = 'succeeded' | 'failed' | 'interrupted' | 'skipped';

/** One activity run, in Chaos Toolkit's journal shape plus what it changed in the cloud. */
export interface ActivityRun {
  activity: Record<string, unknown>;
  /** `method`, `rollbacks`, `steady-state-before`, `steady-state-after`. */
  phase: string;
  status: RunStatus;
  /** ISO 8601. */
  start: string;
  end: string;
  /** Seconds. */
  duration: number;
  output?: unknown;
  /** The error's class and message, when it failed. */
  exception?: string[];
  /** Probes in a hypothesis: whether the output met the tolerance. */
  tolerance_met?: boolean;
  /** What a cloud simulation recorded in its roll-back ledger (intents, done, undone), in order. */
  changes?: readonly LedgerEntry[];
  /** The k8s health probe's phases per probe and zone, when the activity wrote a report. */
  healthProbe?: HealthProbeData;
}

export interface SteadyState {
  steady_state_met: boolean;
  probes: ActivityRun[];
}

/** Chaos Toolkit's journal statuses; `aborted` when a confirmation (`wait_for`) was refused. */
export type JournalStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

/** `journal.json`: Chaos Toolkit's journal with a `chaosgarden` section. */
export interface Journal {
  'chaoslib-version': null;
  platform: string;
  node: string;
  experiment: unknown;
  start: string;
  end: string;
  duration: number;
  status: JournalStatus;
  deviated: boolean;
  steady_states: { before: SteadyState | null; after: SteadyState | null; during: never[] };
  run: ActivityRun[];
  rollbacks: ActivityRun[];
  chaosgarden: {
    /** Version of @chaosgarden/cli that wrote the journal. */
    version: string;
    rollbackStrategy: string;
    dryRun: boolean;
    /** The signal that interrupted the run, if any. */
    signal?: string;
    /** The roll-back ledger run id (file under the state directory's `runs/`). */
    ledgerRunId: string;
    warnings: string[];
  };
}
