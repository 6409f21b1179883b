import { describe, expect, it } from 'vitest';
import { SelfTargetRefusedError } from '../../errors/self-target-refused-error';
import { TooManyTargetsError } from '../../errors/too-many-targets-error';
import type { ComputeMachine } from './compute-loop-types';
import { testStep } from './compute-test-step.test-fixture';
import { runComputePass } from './run-compute-pass';

const launchedMs = Date.parse('2025-12-31T00:00:00Z');
const machines: ComputeMachine[] = [
  { id: 'i-self', launchedMs },
  { id: 'i-1', launchedMs },
  { id: 'i-2', launchedMs },
];

function stepListing(list: readonly ComputeMachine[]) {
  const hit: string[] = [];
  const fixture = testStep({
    hooks: { list: async () => list, terminate: async ({ ids }) => void hit.push(...ids) },
  });
  return { ...fixture, hit };
}

describe('runComputePass', () => {
  it('refuses the run when the first pass finds the machine this process runs on, touching nothing', async () => {
    const { step, hit } = stepListing(machines);
    const pass = runComputePass(step, { pass: 0, backOffSeconds: 20, selfId: 'i-self' });
    await expect(pass).rejects.toSatisfy(SelfTargetRefusedError.isInstance);
    await expect(pass).rejects.toThrow(/this process runs on instance i-self/);
    expect(hit).toEqual([]);
  });

  it('spares the own machine with a warning when it shows up on a later pass', async () => {
    const { step, hit, logger } = stepListing(machines);
    const affected = await runComputePass(step, { pass: 3, backOffSeconds: 20, selfId: 'i-self' });
    expect(affected.map((target) => target.id)).toEqual(['i-1', 'i-2']);
    expect(hit).toEqual(['i-1', 'i-2']);
    expect(logger.entries[0]).toMatchObject({
      level: 'warn',
      message: 'Sparing instance i-self: this process runs on it.',
    });
  });

  it('refuses the first pass with more machines than maxTargets, and skips a later one with a warning', async () => {
    const { step, hit, logger } = stepListing(machines);
    await expect(runComputePass(step, { pass: 0, backOffSeconds: 20, maxTargets: 2 })).rejects.toSatisfy(
      TooManyTargetsError.isInstance,
    );
    expect(await runComputePass(step, { pass: 1, backOffSeconds: 20, maxTargets: 2 })).toEqual([]);
    expect(hit).toEqual([]);
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'Found 3 instances in zone zone-a, more than maxTargets (2); skipping this pass.',
    ]);
  });

  it('hits every due machine when they are within maxTargets', async () => {
    const { step, hit } = stepListing(machines);
    await runComputePass(step, { pass: 0, backOffSeconds: 20, maxTargets: 3 });
    expect(hit).toEqual(['i-self', 'i-1', 'i-2']);
  });
});
