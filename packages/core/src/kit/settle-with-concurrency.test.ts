import { mapWithConcurrency, settleWithConcurrency } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';

describe('settleWithConcurrency', () => {
  it('never runs more than the limit at once and keeps results in item order', async () => {
    let running = 0;
    let peak = 0;
    const results = await settleWithConcurrency([30, 10, 20, 5, 15], 2, async (delay, index) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, delay));
      running--;
      return index;
    });
    expect(peak).toBe(2);
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : -1))).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('runs every task even when some fail', async () => {
    const seen: number[] = [];
    const results = await settleWithConcurrency([1, 2, 3], 1, async (item) => {
      seen.push(item);
      if (item === 1) {
        throw new Error('first');
      }
      return item;
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'fulfilled', 'fulfilled']);
  });
});

describe('mapWithConcurrency', () => {
  it('rejects with the first failure in item order after all settled', async () => {
    const done: number[] = [];
    const attempt = mapWithConcurrency([1, 2, 3], 3, async (item) => {
      await new Promise((resolve) => setTimeout(resolve, 10 * (4 - item)));
      done.push(item);
      if (item > 1) {
        throw new Error(`failed ${item}`);
      }
      return item;
    });
    await expect(attempt).rejects.toThrow('failed 2');
    expect(done.sort()).toEqual([1, 2, 3]);
  });
});
