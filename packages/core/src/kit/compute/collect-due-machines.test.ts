import { describe, expect, it } from 'vitest';
import { collectDueMachines } from './collect-due-machines';
import { testStep } from './compute-test-step.test-fixture';

describe('collectDueMachines', () => {
  it('schedules a machine at its launch time plus its lifetime and logs that once', () => {
    const { step, clock, logger } = testStep({ lifetimeSeconds: 60 });
    const launchedMs = clock.nowMs - 30_000;
    const machines = [{ id: 'i-1', launchedMs, group: 'normal' }];
    expect(collectDueMachines(step, machines, 20).size).toBe(0);
    expect(collectDueMachines(step, machines, 20).size).toBe(0);
    const scheduled = logger.entries.filter((entry) => entry.message.startsWith('Scheduled'));
    expect(scheduled.map((entry) => entry.message)).toEqual([
      'Scheduled instance to terminate: i-1 at 2026-01-01 00:00:30+00:00',
    ]);
    expect(step.scheduler.dueTime('i-1')).toBe(launchedMs + 60_000);
  });

  it('collects the machines past their due time by group, in the order found, and backs them off', () => {
    const { step, clock } = testStep({ lifetimeSeconds: 0 });
    const launchedMs = clock.nowMs - 1000;
    const due = collectDueMachines(
      step,
      [
        { id: 'i-1', launchedMs, group: 'normal' },
        { id: 'i-2', launchedMs, group: 'spot' },
        { id: 'i-3', launchedMs, group: 'normal' },
        { id: 'i-4', launchedMs },
      ],
      20,
    );
    expect([...due]).toEqual([
      ['normal', ['i-1', 'i-3']],
      ['spot', ['i-2']],
      ['', ['i-4']],
    ]);
    expect(step.scheduler.dueTime('i-1')).toBe(clock.nowMs + 20_000);
    expect(collectDueMachines(step, [{ id: 'i-1', launchedMs }], 20).size).toBe(0);
  });

  it('counts the lifetime of a machine without a launch time from when it is first seen', () => {
    const { step, clock } = testStep({ lifetimeSeconds: 5 });
    collectDueMachines(step, [{ id: 'i-1' }], 20);
    expect(step.scheduler.dueTime('i-1')).toBe(clock.nowMs + 5000);
  });
});
