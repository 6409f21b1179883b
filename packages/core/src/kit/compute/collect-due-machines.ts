import { formatPythonDatetime } from '../format-python-datetime';
import type { ComputeLoopStep, ComputeMachine } from './compute-loop-types';

/** Machine ids due for the operation, by group (`''` for ungrouped ones), in the order found. */
export type DueMachines = Map<string, string[]>;

/**
 * Schedules each machine not seen before at its launch time plus a random lifetime (logging the
 * Python tool's `Scheduled <machine> to <mode>: <id> at <time>`), and collects those past their due
 * time, pushing their next due time `backOffSeconds` out (the assumed termination or restart time).
 */
export function collectDueMachines(
  step: Pick<ComputeLoopStep, 'scheduler' | 'logger' | 'mode' | 'nouns' | 'now'>,
  machines: readonly ComputeMachine[],
  backOffSeconds: number,
): DueMachines {
  const due: DueMachines = new Map();
  for (const machine of machines) {
    const scheduled = step.scheduler.scheduleIfUnknown(machine.id, machine.launchedMs ?? step.now());
    if (scheduled.isNew) {
      step.logger.info(
        `Scheduled ${step.nouns.one} to ${step.mode}: ${machine.id} at ${formatPythonDatetime(scheduled.dueMs)}`,
      );
    }
    const now = step.now();
    if (step.scheduler.isDue(machine.id, now)) {
      step.scheduler.backOff(machine.id, now, backOffSeconds);
      const group = machine.group ?? '';
      due.set(group, [...(due.get(group) ?? []), machine.id]);
    }
  }
  return due;
}
