import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLedger } from '../../ledger/file-ledger';
import { findPendingRuns } from '../../ledger/pending-runs';
import { createMemoryLogger } from '../../logging/memory-logger';
import { reconcileFromLedgers } from './reconcile-from-ledgers';
import { type FakeArtefact, fakeCloud } from './reconcile-test-hooks.test-fixture';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'chaosgarden-reconcile-kit-'));
  const blocked = createFileLedger({ runId: 'run-a', directory });
  await blocked.markDone(
    await blocked.recordIntent({
      provider: 'example',
      zone: 'z1',
      action: 'create-blocker',
      resources: ['b-1'],
    }),
  );
  const killed = createFileLedger({ runId: 'run-b', directory });
  await killed.markDone(
    await killed.recordIntent({
      provider: 'example',
      zone: 'z1',
      action: 'terminate-machines',
      resources: ['m-1'],
    }),
  );
  const other = createFileLedger({ runId: 'run-c', directory });
  await other.recordIntent({ provider: 'other', zone: 'z1', action: 'create-blocker', resources: ['o-1'] });
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const nouns = { found: 'blocker', restored: 'resource', removed: 'blocker', place: 'cloud' };

function reconcileIn(
  artefacts: FakeArtefact[],
  options: { dryRun?: boolean; zone?: string; runId?: string } = {},
) {
  const cloud = fakeCloud(artefacts);
  const logger = createMemoryLogger();
  const report = reconcileFromLedgers({
    provider: 'example',
    hooks: cloud.hooks,
    nouns,
    stateDirectory: directory,
    logger,
    ...options,
  });
  return { report, cloud, logger, messages: () => logger.entries.map((entry) => entry.message) };
}

const pendingRunIds = async () => (await findPendingRuns({ directory })).runs.map((run) => run.runId).sort();

describe('reconcileFromLedgers', () => {
  it('undoes what it found, leaves alone a running simulation’s, verifies, and settles the runs found clean', async () => {
    const artefacts = [
      { id: 'b-1', zone: 'z1', holds: ['r-1', 'r-2'] },
      { id: 'b-alive', zone: 'z1', holds: ['r-3'], holder: 'alive' as const },
    ];
    const { report, cloud, messages } = reconcileIn(artefacts);
    const result = await report;
    expect(result).toMatchObject({ provider: 'example', runs: ['run-a', 'run-b'], dryRun: false });
    expect(result.found.map((target) => target.id)).toEqual(['b-1']);
    expect(result.restored.map((target) => target.id)).toEqual(['r-1', 'r-2']);
    expect(result.removed.map((target) => target.id)).toEqual(['b-1']);
    expect(result.leftAlone?.map((target) => target.id)).toEqual(['b-alive']);
    expect(result.leftovers).toEqual([]);
    expect(cloud.calls).toEqual([
      'places run-a,run-b',
      'open cloud-1',
      'undo b-1',
      'verify (left alone: b-alive)',
      'close cloud-1',
    ]);
    expect(messages()).toContain('Found blocker b-1 for zone z1 (cloud-1; by ledger and mark, run run-a).');
    expect(messages()).toContain(
      'Run run-b (zone z1): terminate-machines cannot be undone; marked as settled.',
    );
    expect(messages().at(-1)).toBe(
      'Reconcile: 1 blocker(s) found, 2 resource(s) restored, 1 blocker(s) removed, 0 left-over(s).',
    );
    expect(await pendingRunIds()).toEqual(['run-c']);
  });

  it('in a dry run only plans, and leaves the ledgers as they are', async () => {
    const { report, cloud, messages } = reconcileIn([{ id: 'b-1', zone: 'z1', holds: ['r-1'] }], {
      dryRun: true,
    });
    const result = await report;
    expect(result.dryRun).toBe(true);
    expect(result.wouldRemove?.map((target) => target.id)).toEqual(['b-1']);
    expect(result.wouldRestore?.map((target) => target.id)).toEqual(['r-1']);
    expect(result.removed).toEqual([]);
    expect(cloud.calls).toEqual(['places run-a,run-b', 'open cloud-1', 'plan b-1', 'close cloud-1']);
    expect(cloud.live.has('b-1')).toBe(true);
    expect(messages().at(-1)).toContain('Nothing was changed.');
    expect(await pendingRunIds()).toEqual(['run-a', 'run-b', 'run-c']);
  });

  it('keeps a run pending while what it announced could not be undone', async () => {
    const { report } = reconcileIn([{ id: 'b-1', zone: 'z1', holds: ['r-1'], stuck: true }]);
    expect((await report).leftovers).toEqual(['b-1']);
    // run-b announced nothing to find (its terminations cannot be undone): settled anyway.
    expect(await pendingRunIds()).toEqual(['run-a', 'run-c']);
  });

  it('reads only the ledgers of the zone and run asked for', async () => {
    const { report } = reconcileIn([], { zone: 'z2' });
    expect((await report).runs).toEqual([]);
    const { report: oneRun } = reconcileIn([], { runId: 'run-b' });
    expect((await oneRun).runs).toEqual(['run-b']);
    expect(await pendingRunIds()).toEqual(['run-a', 'run-c']);
  });

  it('reports an unreadable ledger as a warning and says when there is nowhere to look', async () => {
    await writeFile(join(directory, 'runs', 'run-z.jsonl'), 'not json\n');
    const cloud = fakeCloud([]);
    const logger = createMemoryLogger();
    const result = await reconcileFromLedgers({
      provider: 'example',
      hooks: { ...cloud.hooks, places: () => [] },
      nouns,
      stateDirectory: directory,
      dryRun: true,
      logger,
    });
    expect(result.warnings).toEqual([expect.stringMatching(/^Unreadable ledger skipped: /)]);
    expect(logger.entries.map((entry) => entry.message)).toContain(
      'Nothing pending in the roll-back ledgers, and no cloud given to search the cloud in.',
    );
  });
});
