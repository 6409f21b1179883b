import { createRunId, type Logger, toPlainJson } from '@chaosgarden/core';
import {
  emptyVariables,
  resolveSettings,
  settingsLookup,
  type Variables,
} from '../experiment/resolve-settings';
import type { LoadedExperiment } from '../experiment/validate-experiment';
import type { Journal, SteadyState } from '../journal/journal-types';
import { redactJournal } from '../journal/redact-journal';
import { createProgressReporter, type ProgressReporter } from '../progress/progress-reporter';
import type { Terminal } from '../providers/human-actions';
import { preflight } from './preflight';
import { type RollbackStrategy, shouldRunRollbacks } from './rollback-strategy';
import { joinBackgroundTasks, runActivities, runSteadyState } from './run-activities';
import type { RunnerState } from './runner-state';

export interface RunExperimentOptions {
  experiment: LoadedExperiment;
  /** `--var`/`--var-file` values over the experiment's configuration and secrets. Default: none. */
  variables?: Variables;
  /** Default `default` (see `RollbackStrategy`). */
  rollbackStrategy?: RollbackStrategy;
  /** Resolve everything and run only what reads (assess, list, GET probes). Default `false`. */
  dryRun?: boolean;
  /** Confirm `wait_for` gates in advance. Default `false`. */
  assumeYes?: boolean;
  logger: Logger;
  /** Aborted on SIGINT/SIGTERM: stops the method; rollbacks still run as the strategy says. */
  signal?: AbortSignal;
  /** The signal's name once it arrived, for the journal. */
  signalName?: () => string | undefined;
  terminal?: Terminal;
  /** Environment for `{"type": "env"}` entries. Default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Roll-back ledgers' state directory. Default: core's (`$CHAOSGARDEN_STATE_DIR`, …). */
  stateDirectory?: string;
  progress?: ProgressReporter;
}

/**
 * Runs an experiment as Chaos Toolkit does: hypothesis, method, hypothesis, rollbacks by strategy.
 * Resolves with the journal; failures of activities are in it, not thrown.
 *
 * @throws ExperimentError (before anything runs) for configuration, secrets or providers that cannot work.
 */
export async function runExperiment(options: RunExperimentOptions): Promise<Journal> {
  const { experiment, logger } = options;
  const signal = options.signal ?? new AbortController().signal;
  const strategy = options.rollbackStrategy ?? 'default';
  for (const warning of experiment.warnings) logger.warn(warning);
  const settings = resolveSettings(
    experiment.tree,
    options.variables ?? emptyVariables(),
    options.env ?? process.env,
  );
  const lookup = settingsLookup(settings);
  await preflight(experiment, lookup, logger);
  const rollbackController = new AbortController();
  const state: RunnerState = {
    context: { logger, settings, terminal: options.terminal, assumeYes: options.assumeYes ?? false },
    signalFor: (phase) => (phase === 'rollbacks' ? rollbackController.signal : signal),
    lookup,
    dryRun: options.dryRun ?? false,
    ledgerRunId: createRunId(),
    stateDirectory: options.stateDirectory,
    activityCount: 0,
    aborted: false,
    background: [],
    progress: options.progress ?? createProgressReporter({ logger }),
  };
  const start = new Date();
  const { spec, tree } = experiment;
  const probes = spec['steady-state-hypothesis']?.probes ?? [];
  let before: SteadyState | null = null;
  let after: SteadyState | null = null;
  let run: Journal['run'] = [];
  let methodRan = false;
  if (probes.length > 0) before = await runSteadyState(probes, tree, 'steady-state-before', state);
  if (before === null || before.steady_state_met) {
    methodRan = !signal.aborted;
    run = await runActivities(spec.method, tree, ['method'], 'method', state);
    await joinBackgroundTasks(state, signal.aborted);
    if (probes.length > 0 && !signal.aborted && !state.aborted)
      after = await runSteadyState(probes, tree, 'steady-state-after', state);
  }
  const interrupted = signal.aborted || state.aborted;
  const deviated = after !== null && !after.steady_state_met;
  let rollbacks: Journal['rollbacks'] = [];
  if (shouldRunRollbacks(strategy, { methodRan, interrupted, deviated })) {
    rollbacks = await runActivities(spec.rollbacks ?? [], tree, ['rollbacks'], 'rollbacks', state);
    await joinBackgroundTasks(state, false);
  } else if ((spec.rollbacks ?? []).length > 0) {
    logger.info(`Rollbacks not played (strategy ${strategy}).`);
  }
  const failed = !interrupted && (before?.steady_state_met === false || deviated);
  const end = new Date();
  const signalName = options.signalName?.();
  return redactJournal<Journal>({
    'chaoslib-version': null,
    platform: `${process.platform} ${process.arch}`,
    node: process.version,
    experiment: toPlainJson(tree),
    start: start.toISOString(),
    end: end.toISOString(),
    duration: (end.getTime() - start.getTime()) / 1000,
    status: signal.aborted ? 'interrupted' : state.aborted ? 'aborted' : failed ? 'failed' : 'completed',
    deviated,
    steady_states: { before, after, during: [] },
    run,
    rollbacks,
    chaosgarden: {
      version: cliVersion,
      rollbackStrategy: strategy,
      dryRun: state.dryRun,
      ...(signalName === undefined ? {} : { signal: signalName }),
      ledgerRunId: state.ledgerRunId,
      warnings: experiment.warnings,
    },
  });
}

declare const __CLI_VERSION__: string | undefined;
const cliVersion = typeof __CLI_VERSION__ === 'string' ? __CLI_VERSION__ : '0.0.0-dev';
