import { TooManyTargetsError } from '../../errors/too-many-targets-error';
import type { Logger } from '../../logging/logger';
import type { ComputeFailureMode } from '../../provider/v1/options';
import type { ComputeFailureSimulationResult, Target } from '../../provider/v1/results';
import { isRetryableError } from '../../retry/retryable-error';
import { createLifetimeScheduler } from '../../tasks/lifetime-scheduler';
import { createTerminator } from '../../tasks/terminator';
import { describeError } from '../describe-error';
import type { ChangeRecorder } from '../recorded-change';
import { defaultCallConcurrency } from '../settle-with-concurrency';
import { capitalized } from './capitalized';
import type { ComputeLoopHooks, ComputeLoopStep, ComputeNouns } from './compute-loop-types';
import { runComputePass } from './run-compute-pass';

/** The cloud's timings (spec README §1.7a). */
export interface ComputeLoopTiming {
  /** Assumed time a termination takes: a terminated machine's next due time is this far out. */
  terminateBackOffSeconds: number;
  /** Assumed time a restart takes; a random lifetime, drawn once per run, is added (the Python tool's R). */
  restartBackOffSeconds: number;
  /** Pause between passes. */
  loopPeriodMs: number;
  /** A machine whose operation failed is tried again after this many seconds. Default 1. */
  failedRetrySeconds?: number | undefined;
}

/** Options of `runComputeLoop`: the already validated input of a compute simulation, and its hooks. */
export interface RunComputeLoopOptions {
  hooks: ComputeLoopHooks;
  /** The provider id, zone and ledger every change is recorded with (`recordedChange`). */
  recorder: ChangeRecorder;
  mode: ComputeFailureMode;
  /** Parsed duration: `0` one pass, `> 0` seconds, `< 0` until stopped. */
  duration: number;
  minRuntime: number;
  maxRuntime: number;
  /** More eligible machines refuse the run on the first pass and skip a later pass. */
  maxTargets?: number | undefined;
  nouns: ComputeNouns;
  /** The target filter as the start line shows it (`Messing up <machines> matching <filterText> …`). */
  filterText: string;
  timing: ComputeLoopTiming;
  /** Hit this process's own machine too (`findSelf` is then not asked). */
  allowSelfTarget?: boolean | undefined;
  /** Logged before the first pass and returned in the result (e.g. the settings' warnings). */
  warnings?: readonly string[] | undefined;
  logger: Logger;
  signal: AbortSignal;
  /** Named in the terminator's log lines. Default `runComputeFailureSimulation`. */
  who?: string | undefined;
  /** Default `Date.now`. */
  now?: (() => number) | undefined;
  /** Default `Math.random`: the lifetimes' draw. */
  random?: (() => number) | undefined;
  /** Calls at once when a failed group is retried machine by machine. Default `defaultCallConcurrency`. */
  callConcurrency?: number | undefined;
}

/**
 * The compute simulation's loop (spec README §1.7): each eligible machine is hit once it has run for a
 * random lifetime in `[minRuntime, maxRuntime]` seconds since its launch, and the loop keeps hitting
 * what comes up (replacements included) for one pass (`duration: 0`), for `duration` seconds, or until
 * stopped. A failing pass is logged and the next one tries again, except on the first pass when
 * nothing was touched yet and trying again cannot help (too many targets, a non-retryable error).
 *
 * @throws TooManyTargetsError, SelfTargetRefusedError or a non-retryable error of the first pass.
 */
export async function runComputeLoop(
  options: RunComputeLoopOptions,
): Promise<ComputeFailureSimulationResult> {
  const { mode, logger, signal, recorder, nouns, timing } = options;
  const zone = recorder.zone;
  const warnings = [...(options.warnings ?? [])];
  for (const warning of warnings) {
    logger.warn(warning);
  }
  const step: ComputeLoopStep = {
    hooks: options.hooks,
    recorder,
    logger,
    mode,
    nouns,
    scheduler: createLifetimeScheduler({
      minRuntime: options.minRuntime,
      maxRuntime: options.maxRuntime,
      ...(options.random === undefined ? {} : { random: options.random }),
    }),
    now: options.now ?? (() => Date.now()),
    failedRetrySeconds: timing.failedRetrySeconds ?? 1,
    callConcurrency: options.callConcurrency ?? defaultCallConcurrency,
  };
  const selfId =
    options.allowSelfTarget === true || options.hooks.findSelf === undefined
      ? undefined
      : await options.hooks.findSelf();
  // Drawn once per run, as in the Python tool (spec README §4, defect 3).
  const backOffSeconds =
    mode === 'terminate'
      ? timing.terminateBackOffSeconds
      : timing.restartBackOffSeconds + step.scheduler.drawRuntimeSeconds();
  logger.info(
    `Messing up ${nouns.many} matching ${options.filterText} in zone ${zone} (${mode} between ${options.minRuntime}s and ${options.maxRuntime}s).`,
  );
  const affected: Target[] = [];
  const who = options.who ?? 'runComputeFailureSimulation';
  const terminator = createTerminator({ duration: options.duration, who, logger, signal });
  for (let pass = 0; !terminator.isTerminated(); pass++) {
    try {
      affected.push(
        ...(await runComputePass(step, { pass, backOffSeconds, selfId, maxTargets: options.maxTargets })),
      );
    } catch (error) {
      if (signal.aborted) {
        break;
      }
      if (pass === 0 && (TooManyTargetsError.isInstance(error) || !isRetryableError(error))) {
        throw error;
      }
      logger.error(`${capitalized(nouns.many)} failed to ${mode}: ${describeError(error)}`);
    }
    await terminator.sleep(timing.loopPeriodMs);
  }
  terminator.isTerminated();
  return {
    zone,
    mode,
    affected,
    warnings,
    reason: terminator.reason ?? 'termination-requested',
    netDurationSeconds: terminator.netDurationSeconds,
  };
}
