import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../logging/memory-logger';
import { reconcilePlace } from './reconcile-place';
import { fakeCloud } from './reconcile-test-hooks.test-fixture';

const place = { name: 'cloud-1', label: 'cloud-1', runIds: ['run-a'] };

describe('reconcilePlace', () => {
  it('reports what undo left before what the read-back found, and closes the session', async () => {
    const cloud = fakeCloud([{ id: 'b-1', zone: 'z1', holds: ['r-1'], stuck: true }]);
    const hooks = {
      ...cloud.hooks,
      open: async (opened: typeof place) => ({
        ...(await cloud.hooks.open(opened)),
        verify: async () => ({
          verified: [],
          leftovers: ['b-1 (still there)'],
          warnings: ['read back late'],
        }),
      }),
    };
    const logger = createMemoryLogger();
    const report = await reconcilePlace(place, { hooks, provider: 'example', dryRun: false, logger });
    expect(report.leftovers).toEqual(['b-1', 'b-1 (still there)']);
    expect(report.warnings).toEqual(['read back late']);
    expect(report.runs).toEqual([]);
    expect(cloud.calls.at(-1)).toBe('close cloud-1');
  });

  it('closes the session when the scan fails, and lets the failure through', async () => {
    const cloud = fakeCloud([]);
    const hooks = {
      ...cloud.hooks,
      open: async (opened: typeof place) => ({
        ...(await cloud.hooks.open(opened)),
        scan: async () => Promise.reject(new Error('no access')),
      }),
    };
    const run = reconcilePlace(place, {
      hooks,
      provider: 'example',
      dryRun: true,
      logger: createMemoryLogger(),
    });
    await expect(run).rejects.toThrow('no access');
    expect(cloud.calls).toEqual(['open cloud-1', 'close cloud-1']);
  });
});
