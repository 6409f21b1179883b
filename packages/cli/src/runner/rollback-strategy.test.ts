import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exists, ran, run, scratch, touch } from './run-experiment-test-support';

/** Hypothesis: `steady` exists. Method: `method` is created, and `steady` removed if `deviate`. */
function experiment(dir: string, options: { deviate?: boolean; failBefore?: boolean } = {}) {
  const method: object[] = [touch(dir, 'method')];
  if (options.deviate) {
    method.push({
      type: 'action',
      name: 'break',
      provider: { type: 'process', path: 'rm', arguments: [`${dir}/steady`] },
    });
  }
  return {
    title: 'strategy',
    'steady-state-hypothesis': {
      title: 'steady',
      probes: [exists(dir, options.failBefore ? 'missing' : 'steady')],
    },
    method,
    rollbacks: [touch(dir, 'rollback')],
  };
}

async function outcome(
  strategy: 'default' | 'always' | 'never' | 'deviated',
  options: { deviate?: boolean; failBefore?: boolean },
) {
  const dir = scratch();
  writeFileSync(join(dir, 'steady'), '');
  const { journal } = await run(experiment(dir, options), { rollbackStrategy: strategy });
  return { journal, rolledBack: ran(dir, 'rollback'), methodRan: ran(dir, 'method') };
}

describe('rollback strategies', () => {
  it('default: rollbacks after a completed method, not when the hypothesis failed before it', async () => {
    const completed = await outcome('default', {});
    expect([completed.journal.status, completed.rolledBack]).toEqual(['completed', true]);
    const failed = await outcome('default', { failBefore: true });
    expect([failed.journal.status, failed.methodRan, failed.rolledBack]).toEqual(['failed', false, false]);
  });

  it('always: rollbacks even when the hypothesis failed before the method', async () => {
    const failed = await outcome('always', { failBefore: true });
    expect([failed.journal.status, failed.methodRan, failed.rolledBack]).toEqual(['failed', false, true]);
    expect(failed.journal.rollbacks.map((entry) => entry.status)).toEqual(['succeeded']);
  });

  it('never: no rollbacks, even after a deviation', async () => {
    const deviated = await outcome('never', { deviate: true });
    expect([deviated.journal.deviated, deviated.rolledBack]).toEqual([true, false]);
  });

  it('deviated: rollbacks only when the hypothesis after the method was not met', async () => {
    const deviated = await outcome('deviated', { deviate: true });
    expect([deviated.journal.status, deviated.journal.deviated, deviated.rolledBack]).toEqual([
      'failed',
      true,
      true,
    ]);
    const steady = await outcome('deviated', {});
    expect([steady.journal.status, steady.journal.deviated, steady.rolledBack]).toEqual([
      'completed',
      false,
      false,
    ]);
  });
});
