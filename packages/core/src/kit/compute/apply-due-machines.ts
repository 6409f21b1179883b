import type { Target } from '../../provider/v1/results';
import { describeError } from '../describe-error';
import { isStopError } from '../is-abort-error';
import { recordedChange } from '../recorded-change';
import { settleWithConcurrency } from '../settle-with-concurrency';
import { capitalized } from './capitalized';
import type { DueMachines } from './collect-due-machines';
import type { ComputeBatch, ComputeLoopStep } from './compute-loop-types';

/**
 * Applies the mode's hook (`terminate` or `restart`) to each group of due machines with one call, in
 * the order the groups were found. When a group's call fails, each machine is tried on its own, so one
 * bad machine does not hold back the others; a machine that still fails is retried after
 * `failedRetrySeconds`. Logs `Terminated <group> <machines>(s): <ids>.` per group.
 *
 * @returns the machines hit, as the result's `affected` lists them.
 */
export async function applyDueMachines(step: ComputeLoopStep, due: DueMachines): Promise<Target[]> {
  const affected: Target[] = [];
  const { nouns, mode } = step;
  for (const [key, ids] of due) {
    const group = key === '' ? undefined : key;
    const done = await applyGroup(step, group, ids);
    if (done.length === 0) {
      continue;
    }
    step.logger.info(
      `${mode === 'terminate' ? 'Terminated' : 'Restarted'} ${group === undefined ? '' : `${group} `}${nouns.one}(s): ${done.join(', ')}.`,
    );
    const at = new Date(step.now()).toISOString();
    const groupDetail =
      nouns.groupDetail !== undefined && group !== undefined ? { [nouns.groupDetail]: group } : {};
    affected.push(
      ...done.map((id) => ({
        kind: nouns.kind,
        id,
        zone: step.recorder.zone,
        details: { operation: mode, ...groupDetail, at },
      })),
    );
  }
  return affected;
}

async function applyGroup(
  step: ComputeLoopStep,
  group: string | undefined,
  ids: string[],
): Promise<string[]> {
  try {
    await operate(step, group, ids);
    return ids;
  } catch (error) {
    if (ids.length === 1 || isStopError(error)) {
      reportFailure(step, ids, error);
      return [];
    }
    step.logger.error(
      `${capitalized(step.nouns.many)} failed to ${step.mode}: ${describeError(error)}; trying each ${step.nouns.one} on its own.`,
    );
  }
  const settled = await settleWithConcurrency(ids, step.callConcurrency, (id) => operate(step, group, [id]));
  return ids.filter((id, index) => {
    const result = settled[index];
    if (result?.status === 'rejected') {
      reportFailure(step, [id], result.reason);
      return false;
    }
    return true;
  });
}

function operate(step: ComputeLoopStep, group: string | undefined, ids: string[]): Promise<void> {
  const batch: ComputeBatch = {
    ids,
    group,
    record: async (entry, change) => (await recordedChange(step.recorder, entry, change)).result,
  };
  return step.mode === 'restart' ? step.hooks.restart(batch) : step.hooks.terminate(batch);
}

function reportFailure(step: ComputeLoopStep, ids: string[], error: unknown): void {
  if (isStopError(error)) {
    return;
  }
  step.logger.error(`${capitalized(step.nouns.many)} failed to ${step.mode}: ${describeError(error)}`, {
    [`${camelCased(step.nouns.kind)}Ids`]: ids,
  });
  const now = step.now();
  for (const id of ids) {
    step.scheduler.backOff(id, now, step.failedRetrySeconds);
  }
}

/** `virtual-machine` → `virtualMachine`: the log field naming the machines (`instanceIds`). */
function camelCased(kind: string): string {
  return kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}
