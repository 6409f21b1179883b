import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLedger } from './file-ledger';
import { pendingChanges } from './pending-changes';
import { findPendingRuns, markReconciled } from './pending-runs';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'chaosgarden-pending-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const change = (zone: string, action: string, provider = 'aws') => ({
  provider,
  zone,
  action,
  resources: [`${action}-${zone}`],
});

describe('findPendingRuns', () => {
  it('groups a run’s undone-less changes by provider and zone and leaves out roll-back steps', async () => {
    const ledger = createFileLedger({ runId: 'run-a', directory });
    const acl = await ledger.recordIntent(change('z1', 'create-network-acl'));
    await ledger.markDone(acl);
    await ledger.recordIntent(change('z2', 'create-network-acl'));
    const probe = await ledger.recordIntent(change('cluster', 'install-health-probe', 'k8s'));
    await ledger.markUndone(probe);
    const step = await ledger.recordIntent({ ...change('z1', 'delete-network-acl'), role: 'rollback-step' });
    await ledger.markDone(step);

    const { runs, unreadable } = await findPendingRuns({ directory });

    expect(unreadable).toEqual([]);
    expect(
      runs.map((run) => [run.runId, run.provider, run.zone, run.changes.map((c) => c.intent.action)]),
    ).toEqual([
      ['run-a', 'aws', 'z1', ['create-network-acl']],
      ['run-a', 'aws', 'z2', ['create-network-acl']],
    ]);
    expect(runs[0]?.changes[0]?.done).toBeDefined();
    expect(runs[1]?.changes[0]?.done).toBeUndefined();
  });

  it('narrows by run, provider and zone', async () => {
    await createFileLedger({ runId: 'run-a', directory }).recordIntent(change('z1', 'x'));
    await createFileLedger({ runId: 'run-b', directory }).recordIntent(change('z2', 'y', 'k8s'));

    expect((await findPendingRuns({ directory, runId: 'run-b' })).runs.map((run) => run.runId)).toEqual([
      'run-b',
    ]);
    expect((await findPendingRuns({ directory, provider: 'aws' })).runs.map((run) => run.runId)).toEqual([
      'run-a',
    ]);
    expect((await findPendingRuns({ directory, zone: 'z2' })).runs.map((run) => run.zone)).toEqual(['z2']);
  });

  it('names a damaged ledger instead of hiding the other runs’ left-overs', async () => {
    await createFileLedger({ runId: 'run-good', directory }).recordIntent(change('z1', 'x'));
    await mkdir(join(directory, 'runs'), { recursive: true });
    await writeFile(join(directory, 'runs', 'run-bad.jsonl'), '{"broken"\n{}\n');

    const { runs, unreadable } = await findPendingRuns({ directory });

    expect(runs.map((run) => run.runId)).toEqual(['run-good']);
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]).toContain('run-bad.jsonl');
  });
});

describe('markReconciled', () => {
  it('marks every pending change of the run undone in the run’s own ledger', async () => {
    const ledger = createFileLedger({ runId: 'run-a', directory });
    await ledger.recordIntent(change('z1', 'a'));
    await ledger.recordIntent(change('z1', 'b'));
    const [run] = (await findPendingRuns({ directory })).runs;
    if (run === undefined) throw new Error('expected a pending run');

    await markReconciled(run, { directory });

    expect(pendingChanges(await ledger.entries())).toEqual([]);
    expect((await findPendingRuns({ directory })).runs).toEqual([]);
  });
});
