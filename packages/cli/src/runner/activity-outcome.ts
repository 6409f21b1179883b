import { type BackgroundTask, ChaosgardenError, TerminatedError } from '@chaosgarden/core';
import type { ActivitySpec } from '../experiment/experiment-schema';
import type { ActivityRun } from '../journal/journal-types';
import { toleranceMet } from './tolerance';

/** `…InBackground` functions return a handle with `join()` and `terminate()`. */
export function isBackgroundTask(value: unknown): value is BackgroundTask<unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BackgroundTask<unknown>).join === 'function' &&
    typeof (value as BackgroundTask<unknown>).terminate === 'function'
  );
}

/**
 * Status, output and exception of a finished call. A simulation that ended because it was asked to
 * stop is `interrupted`; a process that exited non-zero or an HTTP status ≥ 400 fails an action (a
 * probe's tolerance decides instead); a probe fails when its output misses the tolerance.
 */
export function outcomeOf(
  activity: ActivitySpec,
  output: unknown,
  signal: AbortSignal,
  error?: unknown,
): Pick<ActivityRun, 'status' | 'output' | 'exception' | 'tolerance_met'> {
  if (error !== undefined) {
    const stopped =
      TerminatedError.isInstance(error) || (signal.aborted && (error as Error)?.name === 'AbortError');
    return { status: stopped ? 'interrupted' : 'failed', exception: describe(error) };
  }
  const plain = output === undefined ? null : output;
  const stopped =
    signal.aborted && (plain as { reason?: unknown } | null)?.reason === 'termination-requested';
  if (stopped) return { status: 'interrupted', output: plain };
  const provider = activity.provider;
  if (activity.type === 'probe' && activity.tolerance !== undefined) {
    const met = toleranceMet(activity.tolerance, plain);
    return { status: met ? 'succeeded' : 'failed', output: plain, tolerance_met: met };
  }
  const status = (plain as { status?: unknown } | null)?.status;
  const failedProcess = provider.type === 'process' && status !== 0;
  const expected = provider.type === 'http' ? provider.expected_status : undefined;
  const failedHttp =
    provider.type === 'http' &&
    typeof status === 'number' &&
    (expected === undefined ? status >= 400 : status !== expected);
  if (failedProcess || failedHttp) {
    return {
      status: 'failed',
      output: plain,
      exception: [`${provider.type} provider returned status ${String(status)}`],
    };
  }
  return { status: 'succeeded', output: plain };
}

/** `[ErrorClass, message]`, as Chaos Toolkit's journal lists an exception (no stack, no secrets). */
export function describe(error: unknown): string[] {
  if (error instanceof Error || ChaosgardenError.isInstance(error)) {
    const code = ChaosgardenError.isInstance(error) ? ` (${error.code})` : '';
    return [`${(error as Error).name}${code}`, (error as Error).message];
  }
  return ['Error', String(error)];
}
