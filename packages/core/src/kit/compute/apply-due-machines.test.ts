import { describe, expect, it } from 'vitest';
import { TerminatedError } from '../../errors/terminated-error';
import { applyDueMachines } from './apply-due-machines';
import type { ComputeBatch } from './compute-loop-types';
import { testStep } from './compute-test-step.test-fixture';

describe('applyDueMachines', () => {
  it('records each change in the ledger, with the context provider id, before the hook makes it', async () => {
    const calls: string[] = [];
    const { step, ledger } = testStep({
      hooks: {
        terminate: async ({ ids, record }) => {
          await record({ action: 'terminate-instances', resources: ids }, async () => {
            const intents = (await ledger.entries()).filter((entry) => entry.phase === 'intent');
            calls.push(`terminate ${ids.join(',')} after ${intents.length} intent(s)`);
          });
        },
      },
    });
    const affected = await applyDueMachines(step, new Map([['spot', ['i-1', 'i-2']]]));
    expect(calls).toEqual(['terminate i-1,i-2 after 1 intent(s)']);
    const entries = await ledger.entries();
    expect(entries.map((entry) => [entry.phase, entry.provider, entry.zone, entry.action])).toEqual([
      ['intent', 'example', 'zone-a', 'terminate-instances'],
      ['done', 'example', 'zone-a', 'terminate-instances'],
    ]);
    expect(
      affected.map((target) => [target.kind, target.id, target.zone, target.details?.lifecycle]),
    ).toEqual([
      ['instance', 'i-1', 'zone-a', 'spot'],
      ['instance', 'i-2', 'zone-a', 'spot'],
    ]);
    expect(affected[0]?.details?.operation).toBe('terminate');
  });

  it('logs the group it hit, or none for ungrouped machines, and calls the restart hook for restart', async () => {
    const batches: ComputeBatch[] = [];
    const { step, logger } = testStep({
      mode: 'restart',
      hooks: { restart: async (batch) => void batches.push(batch) },
    });
    const affected = await applyDueMachines(step, new Map([['', ['vm-1']]]));
    expect(batches.map((batch) => [batch.ids, batch.group])).toEqual([[['vm-1'], undefined]]);
    expect(logger.entries.map((entry) => entry.message)).toEqual(['Restarted instance(s): vm-1.']);
    expect(affected[0]?.details).not.toHaveProperty('lifecycle');
  });

  it('tries each machine on its own after a group call failed, and retries a failing one a second later', async () => {
    const { step, logger, clock } = testStep({
      hooks: {
        terminate: async ({ ids }) => {
          if (ids.includes('i-bad')) throw new Error('OperationNotPermitted');
        },
      },
    });
    const affected = await applyDueMachines(step, new Map([['normal', ['i-1', 'i-bad', 'i-2']]]));
    expect(affected.map((target) => target.id)).toEqual(['i-1', 'i-2']);
    const lines = logger.entries.map((entry) => [entry.level, entry.message]);
    expect(lines).toEqual([
      [
        'error',
        'Instances failed to terminate: Error: OperationNotPermitted; trying each instance on its own.',
      ],
      ['error', 'Instances failed to terminate: Error: OperationNotPermitted'],
      ['info', 'Terminated normal instance(s): i-1, i-2.'],
    ]);
    expect(logger.entries[1]?.fields).toEqual({ instanceIds: ['i-bad'] });
    expect(step.scheduler.dueTime('i-bad')).toBe(clock.nowMs + 1000);
  });

  it('neither logs nor retries one by one when the group call was stopped', async () => {
    let calls = 0;
    const { step, logger } = testStep({
      hooks: {
        terminate: async () => {
          calls++;
          throw new TerminatedError({ who: 'test' });
        },
      },
    });
    expect(await applyDueMachines(step, new Map([['normal', ['i-1', 'i-2']]]))).toEqual([]);
    expect(calls).toBe(1);
    expect(logger.entries).toEqual([]);
  });
});
