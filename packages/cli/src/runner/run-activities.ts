import type { OrderedJsonValue } from '@chaosgarden/core';
import type { ActivitySpec } from '../experiment/experiment-schema';
import { orderedAt } from '../experiment/validate-experiment';
import type { ActivityRun, SteadyState } from '../journal/journal-types';
import { describe } from './activity-outcome';
import { finishRun, runActivity } from './run-activity';
import type { RunnerState } from './runner-state';

/**
 * Runs a list of activities in order; `background: true` ones start and are awaited at the end.
 * Stops starting new ones once `signal` aborted. Returns the runs in start order.
 */
export async function runActivities(
  activities: readonly ActivitySpec[],
  tree: OrderedJsonValue,
  path: (string | number)[],
  phase: string,
  state: RunnerState,
): Promise<ActivityRun[]> {
  const signal = state.signalFor(phase);
  const pending: Promise<ActivityRun>[] = [];
  for (const [index, activity] of activities.entries()) {
    // Lets a signal handler that just finished the simulations' roll-backs abort us before the next one.
    await new Promise((resolve) => setImmediate(resolve));
    if (signal.aborted || (state.aborted && phase !== 'rollbacks')) break;
    const run = runActivity(activity, orderedAt(tree, [...path, index, 'provider']), phase, state);
    pending.push(run);
    if (activity.background !== true && confirmationRefused(await run)) {
      // A refused confirmation gate must stop what it guards (the Python tool went on, see human.md).
      state.aborted = true;
      state.context.logger.error(`Aborting: ${activity.name} was not confirmed.`);
    }
  }
  return Promise.all(pending);
}

function confirmationRefused(run: ActivityRun): boolean {
  return run.exception?.[0]?.includes('(confirmation-refused)') === true;
}

/** Runs the hypothesis' probes; met when every probe succeeded (tolerances included). */
export async function runSteadyState(
  probes: readonly ActivitySpec[],
  tree: OrderedJsonValue,
  phase: string,
  state: RunnerState,
): Promise<SteadyState> {
  const runs = await runActivities(probes, tree, ['steady-state-hypothesis', 'probes'], phase, state);
  const met =
    runs.length === probes.length &&
    runs.every((run) => run.status === 'succeeded' || run.status === 'skipped');
  return { steady_state_met: met, probes: runs };
}

/**
 * Waits for the simulations started with `…InBackground`; on an interruption asks them to stop first
 * (each rolls back before it ends). Completes their journal entries.
 */
export async function joinBackgroundTasks(state: RunnerState, interrupted: boolean): Promise<void> {
  for (const { run, task, ledger } of state.background.splice(0)) {
    if (interrupted) await task.terminate();
    try {
      const result = await task.join();
      run.output = { backgroundTask: task.name, result };
      run.status = task.status === 'terminated' ? 'interrupted' : 'succeeded';
    } catch (error) {
      run.status = task.status === 'terminated' ? 'interrupted' : 'failed';
      run.exception = describe(error);
    }
    await finishRun(run, ledger, new Date(run.start));
  }
}
