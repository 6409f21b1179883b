import { abortableSleep, createFileLedger, type OrderedJsonValue, toPlainJson } from '@chaosgarden/core';
import type { ActivitySpec } from '../experiment/experiment-schema';
import { type Lookup, substitute } from '../experiment/substitute';
import type { ActivityRun } from '../journal/journal-types';
import type { ActivityContext, ProviderTree } from '../providers/activity-context';
import { runProvider } from '../providers/run-provider';
import { isBackgroundTask, outcomeOf } from './activity-outcome';
import { attachHealthProbe } from './attach-health-probe';
import type { RunnerState } from './runner-state';

/** Keys of a provider that name the function; never substituted. */
const fixedKeys = new Set(['type', 'module', 'func', 'package', 'function']);

/** The provider with `${…}` placeholders replaced, keeping order and float notation. */
export function substitutedProvider(tree: OrderedJsonValue | undefined, lookup: Lookup): ProviderTree {
  const provider = tree instanceof Map ? tree : new Map<string, OrderedJsonValue>();
  return new Map(
    [...provider].map(([key, value]) => [key, fixedKeys.has(key) ? value : substitute(value, lookup)]),
  );
}

/** Whether `--dry-run` may call it: functions that only read (assess, list) and probes over HTTP. */
export function readOnly(activity: ActivitySpec): boolean {
  const provider = activity.provider;
  if (provider.type === 'python') return /^(assess|list)_/.test(provider.func);
  if (provider.type === 'chaosgarden') return /^(assess|list)[A-Z]/.test(provider.function);
  return provider.type === 'http' && (provider.method ?? 'GET').toUpperCase() === 'GET';
}

/**
 * Runs one activity: pause before, the provider, pause after. Never throws: failures are recorded
 * in the returned journal entry. A `…InBackground` handle is registered with the runner, which joins
 * it later and completes this entry then.
 */
export async function runActivity(
  activity: ActivitySpec,
  providerTree: OrderedJsonValue | undefined,
  phase: string,
  state: RunnerState,
): Promise<ActivityRun> {
  const ledger = createFileLedger({
    runId: `${state.ledgerRunId}-${++state.activityCount}`,
    directory: state.stateDirectory,
  });
  const context: ActivityContext = { ...state.context, ledger, signal: state.signalFor(phase) };
  const start = new Date();
  const run: ActivityRun = {
    activity: toPlainJson(activity) as Record<string, unknown>,
    phase,
    status: 'succeeded',
    start: start.toISOString(),
    end: '',
    duration: 0,
  };
  state.progress.activityStarted(activity, phase);
  try {
    await abortableSleep((activity.pauses?.before ?? 0) * 1000, context.signal);
    if (context.signal.aborted) {
      run.status = 'interrupted';
    } else if (state.dryRun && !readOnly(activity)) {
      run.status = 'skipped';
      run.output = {
        dryRun: true,
        provider: toPlainJson(withoutSecrets(substitutedProvider(providerTree, state.lookup))),
      };
    } else {
      const provider = substitutedProvider(providerTree, state.lookup);
      const stop = state.progress.simulationStarted(activity, provider, ledger);
      try {
        const output = await runProvider(provider, context);
        if (isBackgroundTask(output)) {
          state.background.push({ run, task: output, ledger });
          run.output = { backgroundTask: output.name };
          return run;
        }
        Object.assign(run, outcomeOf(activity, output, context.signal));
      } finally {
        stop();
      }
      await abortableSleep((activity.pauses?.after ?? 0) * 1000, context.signal);
    }
  } catch (error) {
    Object.assign(run, outcomeOf(activity, undefined, context.signal, error));
  }
  await finishRun(run, ledger, start);
  state.progress.activityEnded(activity, run);
  return run;
}

/** Fills in end time, duration and the ledger's entries. */
export async function finishRun(
  run: ActivityRun,
  ledger: { entries(): Promise<readonly unknown[]> },
  start: Date,
): Promise<void> {
  const end = new Date();
  run.end = end.toISOString();
  run.duration = (end.getTime() - start.getTime()) / 1000;
  const changes = await ledger.entries().catch(() => []);
  if (changes.length > 0) run.changes = changes as ActivityRun['changes'];
  await attachHealthProbe(run);
}

function withoutSecrets(provider: ProviderTree): ProviderTree {
  const copy = new Map(provider);
  copy.delete('headers');
  return copy;
}
