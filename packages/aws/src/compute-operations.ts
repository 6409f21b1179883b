import type { Instance } from '@aws-sdk/client-ec2';
import {
  type ChangeRecorder,
  type ComputeFailureMode,
  defaultCallConcurrency,
  describeError,
  formatPythonDatetime,
  isStopError,
  type LifetimeScheduler,
  type Logger,
  recordedChange,
  settleWithConcurrency,
  type Target,
} from '@chaosgarden/core';
import type { Ec2Api } from './ec2-api';

/** Instance ids due for the operation, grouped by lifecycle (`normal`, `spot`, …) in order of discovery. */
export type DueBatch = Map<string, string[]>;

export interface ComputeStep {
  api: Ec2Api;
  recorder: ChangeRecorder;
  logger: Logger;
  mode: ComputeFailureMode;
  scheduler: LifetimeScheduler;
  now: () => number;
}

/** Retry a failed instance after this many seconds (the other providers' per-machine retry). */
const failedInstanceRetrySeconds = 1;

/** The Python tool's eligibility: terminate anything not already going away; restart running ones only. */
export function isEligible(mode: ComputeFailureMode, instance: Instance): boolean {
  const state = (instance.State?.Name ?? '').toLowerCase();
  return mode === 'terminate' ? state !== 'shutting-down' && state !== 'terminated' : state === 'running';
}

/**
 * Schedules unknown instances at `LaunchTime` + a random lifetime (logging `Scheduled instance to …`),
 * and collects those past their due time, pushing their next due time `backOffSeconds` out.
 */
export function collectDue(
  step: ComputeStep,
  instances: readonly Instance[],
  backOffSeconds: number,
): DueBatch {
  const batch: DueBatch = new Map();
  for (const instance of instances) {
    const id = instance.InstanceId;
    if (id === undefined) {
      continue;
    }
    const launchedMs = instance.LaunchTime?.getTime() ?? step.now();
    const scheduled = step.scheduler.scheduleIfUnknown(id, launchedMs);
    if (scheduled.isNew) {
      step.logger.info(
        `Scheduled instance to ${step.mode}: ${id} at ${formatPythonDatetime(scheduled.dueMs)}`,
      );
    }
    const now = step.now();
    if (step.scheduler.isDue(id, now)) {
      step.scheduler.backOff(id, now, backOffSeconds);
      const lifecycle = instance.InstanceLifecycle ?? 'normal';
      batch.set(lifecycle, [...(batch.get(lifecycle) ?? []), id]);
    }
  }
  return batch;
}

/**
 * Applies the operation to every lifecycle group, as the Python tool did (spot requests are cancelled
 * before their instances are terminated). When a group call fails, every instance is tried on its own,
 * so one bad instance no longer holds back the others (spec aws.md, defect 7); an instance that still
 * fails is retried after one second. Returns the instances hit.
 */
export async function applyDue(step: ComputeStep, batch: DueBatch): Promise<Target[]> {
  const affected: Target[] = [];
  for (const [lifecycle, ids] of batch) {
    const done = await applyGroup(step, lifecycle, ids);
    if (done.length === 0) {
      continue;
    }
    step.logger.info(
      `${step.mode === 'terminate' ? 'Terminated' : 'Restarted'} ${lifecycle} instance(s): ${done.join(', ')}.`,
    );
    const at = new Date(step.now()).toISOString();
    affected.push(
      ...done.map((id) => ({
        kind: 'instance',
        id,
        zone: step.recorder.zone,
        details: { operation: step.mode, lifecycle, at },
      })),
    );
  }
  return affected;
}

async function applyGroup(step: ComputeStep, lifecycle: string, ids: string[]): Promise<string[]> {
  try {
    await operate(step, lifecycle, ids);
    return ids;
  } catch (error) {
    if (ids.length === 1 || isStopError(error)) {
      reportFailure(step, ids, error);
      return [];
    }
    step.logger.error(
      `Instances failed to ${step.mode}: ${describeError(error)}; trying each instance on its own.`,
    );
  }
  const settled = await settleWithConcurrency(ids, defaultCallConcurrency, (id) =>
    operate(step, lifecycle, [id]),
  );
  return ids.filter((id, index) => {
    const result = settled[index];
    if (result?.status === 'rejected') {
      reportFailure(step, [id], result.reason);
      return false;
    }
    return true;
  });
}

async function operate(step: ComputeStep, lifecycle: string, ids: string[]): Promise<void> {
  const { api, recorder } = step;
  if (step.mode === 'restart') {
    await recordedChange(recorder, { action: 'reboot-instances', resources: ids }, () =>
      api.rebootInstances(ids),
    );
    return;
  }
  if (lifecycle === 'spot') {
    const requests = (await api.describeInstancesById(ids))
      .filter((instance) => instance.InstanceLifecycle === 'spot' && instance.SpotInstanceRequestId)
      .map((instance) => instance.SpotInstanceRequestId as string);
    if (requests.length > 0) {
      await recordedChange(recorder, { action: 'cancel-spot-instance-requests', resources: requests }, () =>
        api.cancelSpotInstanceRequests(requests),
      );
    }
  }
  await recordedChange(recorder, { action: 'terminate-instances', resources: ids }, () =>
    api.terminateInstances(ids),
  );
}

function reportFailure(step: ComputeStep, ids: string[], error: unknown): void {
  if (isStopError(error)) {
    return;
  }
  step.logger.error(`Instances failed to ${step.mode}: ${describeError(error)}`, { instanceIds: ids });
  const now = step.now();
  for (const id of ids) {
    step.scheduler.backOff(id, now, failedInstanceRetrySeconds);
  }
}
