import { SelfTargetRefusedError } from '../../errors/self-target-refused-error';
import { assertWithinMaxTargets } from '../../filters/assert-within-max-targets';
import type { Target } from '../../provider/v1/results';
import { applyDueMachines } from './apply-due-machines';
import { collectDueMachines } from './collect-due-machines';
import type { ComputeLoopStep } from './compute-loop-types';

/** What one pass needs besides the loop's step. */
export interface ComputePassOptions {
  /** 0 for the first pass: only there a limit or a self-target refuses the run (nothing touched yet). */
  pass: number;
  /** The due time of a machine just hit moves this far out (the assumed termination or restart time). */
  backOffSeconds: number;
  /** The machine this process runs on: never hit. */
  selfId?: string | undefined;
  maxTargets?: number | undefined;
}

/**
 * One pass of the Python tool's loop: list the zone's eligible machines, spare this process's own
 * machine, check `maxTargets`, schedule the new machines and hit those that are due.
 *
 * @throws SelfTargetRefusedError or TooManyTargetsError on the first pass (nothing touched yet);
 *   whatever the `list` hook throws.
 */
export async function runComputePass(step: ComputeLoopStep, options: ComputePassOptions): Promise<Target[]> {
  const { pass, selfId } = options;
  let eligible = await step.hooks.list();
  if (selfId !== undefined && eligible.some((machine) => machine.id === selfId)) {
    if (pass === 0) {
      throw new SelfTargetRefusedError({
        self: `${step.nouns.one} ${selfId}`,
        effect: 'terminated or restarted',
        override: 'allowSelfTarget: true (CLI --allow-self-target)',
      });
    }
    step.logger.warn(`Sparing ${step.nouns.one} ${selfId}: this process runs on it.`);
    eligible = eligible.filter((machine) => machine.id !== selfId);
  }
  if (!withinLimit(step, eligible.length, options)) {
    return [];
  }
  return applyDueMachines(step, collectDueMachines(step, eligible, options.backOffSeconds));
}

/**
 * `maxTargets` on the first pass refuses the run (nothing touched yet); on a later pass (the zone grew)
 * the pass is skipped with a warning.
 */
function withinLimit(step: ComputeLoopStep, found: number, options: ComputePassOptions): boolean {
  const { maxTargets, pass } = options;
  const zone = step.recorder.zone;
  if (maxTargets === undefined || found <= maxTargets) {
    return true;
  }
  if (pass === 0) {
    assertWithinMaxTargets({ found, maxTargets, kind: step.nouns.many, zone });
  }
  step.logger.warn(
    `Found ${found} ${step.nouns.many} in zone ${zone}, more than maxTargets (${maxTargets}); skipping this pass.`,
  );
  return false;
}
