import { describe, expect, it } from 'vitest';
import { createLifetimeScheduler } from './lifetime-scheduler';

/** Deterministic uniform numbers in [0, 1) (mulberry32), so the bound test is reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createLifetimeScheduler', () => {
  it('draws whole seconds from min to max, both ends included, and nothing outside', () => {
    const scheduler = createLifetimeScheduler({ minRuntime: 3, maxRuntime: 7, random: seededRandom(1) });
    const seen = new Set<number>();
    for (let index = 0; index < 2_000; index++) {
      const { dueMs } = scheduler.scheduleIfUnknown(`machine-${index}`, 1_000_000);
      seen.add((dueMs - 1_000_000) / 1000);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('maps the extremes of the random source onto min and max', () => {
    const low = createLifetimeScheduler({ minRuntime: 10, maxRuntime: 20, random: () => 0 });
    const high = createLifetimeScheduler({ minRuntime: 10, maxRuntime: 20, random: () => 0.999_999_999 });
    expect(low.drawRuntimeSeconds()).toBe(10);
    expect(high.drawRuntimeSeconds()).toBe(20);
  });

  it('schedules a target once and keeps its due time on later sightings', () => {
    const scheduler = createLifetimeScheduler({ minRuntime: 0, maxRuntime: 60, random: seededRandom(2) });
    const first = scheduler.scheduleIfUnknown('i-1', 5_000);
    const again = scheduler.scheduleIfUnknown('i-1', 9_000_000);
    expect(first.isNew).toBe(true);
    expect(again).toEqual({ isNew: false, dueMs: first.dueMs });
  });

  it('is due only strictly after the due time, and never for an unknown target', () => {
    const scheduler = createLifetimeScheduler({ minRuntime: 5, maxRuntime: 5 });
    const { dueMs } = scheduler.scheduleIfUnknown('pod-a', 0);
    expect(dueMs).toBe(5_000);
    expect(scheduler.isDue('pod-a', 5_000)).toBe(false);
    expect(scheduler.isDue('pod-a', 5_001)).toBe(true);
    expect(scheduler.isDue('pod-b', Number.MAX_SAFE_INTEGER)).toBe(false);
  });

  it('backs a target off from now and forgets it on request', () => {
    const scheduler = createLifetimeScheduler({ minRuntime: 0, maxRuntime: 0 });
    scheduler.scheduleIfUnknown('vm', 0);
    scheduler.backOff('vm', 10_000, 20);
    expect(scheduler.dueTime('vm')).toBe(30_000);
    expect(scheduler.isDue('vm', 30_000)).toBe(false);
    scheduler.forget('vm');
    expect(scheduler.dueTime('vm')).toBeUndefined();
    expect(scheduler.scheduleIfUnknown('vm', 0).isNew).toBe(true);
  });

  it('prunes targets that disappeared and keeps the live ones', () => {
    const scheduler = createLifetimeScheduler({ minRuntime: 1, maxRuntime: 2 });
    for (const id of ['a', 'b', 'c']) {
      scheduler.scheduleIfUnknown(id, 0);
    }
    expect(scheduler.prune(['b', 'x'])).toEqual(['a', 'c']);
    expect(scheduler.size).toBe(1);
    expect(scheduler.dueTime('b')).toBeDefined();
  });

  it('refuses a maximum below the minimum and fractional or negative runtimes', () => {
    expect(() => createLifetimeScheduler({ minRuntime: 5, maxRuntime: 4 })).toThrow(
      expect.objectContaining({ code: 'invalid-argument', argument: 'maxRuntime' }),
    );
    expect(() => createLifetimeScheduler({ minRuntime: -1, maxRuntime: 4 })).toThrow(/minRuntime/);
    expect(() => createLifetimeScheduler({ minRuntime: 0, maxRuntime: 1.5 })).toThrow(/maxRuntime/);
  });
});
