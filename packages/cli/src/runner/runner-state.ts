import type { BackgroundTask, RollbackLedger } from '@chaosgarden/core';
import type { Lookup } from '../experiment/substitute';
import type { ActivityRun } from '../journal/journal-types';
import type { ProgressReporter } from '../progress/progress-reporter';
import type { ActivityContext } from '../providers/activity-context';

/** A `…InBackground` handle an activity returned, joined before the rollbacks. */
export interface BackgroundEntry {
  run: ActivityRun;
  task: BackgroundTask<unknown>;
  ledger: RollbackLedger;
}

/** Shared by the activities of one run. */
export interface RunnerState {
  context: Omit<ActivityContext, 'ledger' | 'signal'>;
  /** The run's signal for hypothesis and method; rollbacks get one that only a second signal aborts. */
  signalFor(phase: string): AbortSignal;
  lookup: Lookup;
  dryRun: boolean;
  ledgerRunId: string;
  stateDirectory: string | undefined;
  activityCount: number;
  /** A confirmation was refused: the rest of the hypothesis and method is not run. */
  aborted: boolean;
  background: BackgroundEntry[];
  progress: ProgressReporter;
}
