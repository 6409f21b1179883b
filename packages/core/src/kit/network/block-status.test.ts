import { describe, expect, it } from 'vitest';
import { PartialSimulationError } from '../../errors/partial-simulation-error';
import { RollbackIncompleteError } from '../../errors/rollback-incomplete-error';
import { assertBlockAccepted } from './assert-block-accepted';
import { assertRolledBack } from './assert-rolled-back';
import type { BlockReadBack } from './block-read-back';
import { blockStatus } from './block-status';
import { emptyRollbackOutcome } from './empty-rollback-outcome';
import { mergeRollbackOutcomes } from './merge-rollback-outcomes';

const target = (id: string) => ({ kind: 'subnet', id, zone: 'z1' });
const readBack = (blocked: string[], missed: string[]): BlockReadBack => ({
  planned: blocked.length + missed.length,
  blocked: blocked.map(target),
  missed: missed.map((id) => ({ id, label: id, why: 'refused', failure: new Error(`${id} refused`) })),
});

describe('assertBlockAccepted', () => {
  const options = { zone: 'z1', allowPartial: false, kind: 'subnets' };

  it('accepts a complete block, and a partial one only with allowPartial and something blocked', () => {
    expect(() => assertBlockAccepted(readBack(['s1'], []), options)).not.toThrow();
    expect(() =>
      assertBlockAccepted(readBack(['s1'], ['s2']), { ...options, allowPartial: true }),
    ).not.toThrow();
    expect(() => assertBlockAccepted(readBack(['s1'], ['s2']), options)).toThrow(
      /1 of 2 planned subnets were not blocked: s2 \(refused\)/,
    );
    const nothing = () => assertBlockAccepted(readBack([], ['s2']), { ...options, allowPartial: true });
    expect(nothing).toThrow();
    try {
      nothing();
    } catch (error) {
      expect(PartialSimulationError.isInstance(error)).toBe(true);
      expect(((error as Error).cause as AggregateError).errors).toHaveLength(1);
    }
  });
});

describe('blockStatus', () => {
  it('is complete for an empty plan, partial without a read-back, else what the read-back shows', () => {
    expect(blockStatus(0, undefined, [])).toEqual({ status: 'complete', blocked: [] });
    expect(blockStatus(2, undefined, [target('s1')])).toEqual({ status: 'partial', blocked: [target('s1')] });
    expect(blockStatus(2, readBack(['s1', 's2'], []), []).status).toBe('complete');
    expect(blockStatus(2, readBack(['s1'], ['s2']), []).status).toBe('partial');
  });
});

describe('mergeRollbackOutcomes and assertRolledBack', () => {
  it('merges in order and throws naming every leftover, the earlier failure first among the causes', () => {
    const a = emptyRollbackOutcome();
    a.restored.push(target('s1'));
    const b = emptyRollbackOutcome();
    b.leftovers.push('acl-1');
    b.errors.push(new Error('denied'));
    const merged = mergeRollbackOutcomes([a, b]);
    expect(merged.restored).toEqual([target('s1')]);
    expect(() => assertRolledBack(a, 'z1')).not.toThrow();
    const earlier = new Error('blocking failed');
    try {
      assertRolledBack(merged, 'z1', earlier);
      expect.unreachable();
    } catch (error) {
      expect(RollbackIncompleteError.isInstance(error)).toBe(true);
      expect((error as Error).message).toContain('acl-1');
      expect(((error as Error).cause as AggregateError).errors[0]).toBe(earlier);
    }
  });
});
