import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLedger } from '../../ledger/file-ledger';
import { findPendingRuns } from '../../ledger/pending-runs';
import { createMemoryLogger } from '../../logging/memory-logger';
import { settleReconciledRuns } from './settle-reconciled-runs';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'chaosgarden-settle-'));
  for (const [runId, action] of [
    ['run-blocked', 'create-blocker'],
    ['run-handled', 'create-blocker'],
    ['run-killed', 'terminate-machines'],
  ] as const) {
    await createFileLedger({ runId, directory }).recordIntent({
      provider: 'example',
      zone: 'z1',
      action,
      resources: [],
    });
  }
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('settleReconciledRuns', () => {
  it('settles the runs found clean and those that announced nothing, and names what cannot be undone', async () => {
    const { runs } = await findPendingRuns({ directory });
    const logger = createMemoryLogger();
    await settleReconciledRuns({
      runs,
      handled: new Set(['run-handled']),
      hooks: {
        announcesArtefacts: (run) => run.changes.some((change) => change.intent.action === 'create-blocker'),
        isIrreversible: (change) => change.intent.action === 'terminate-machines',
      },
      logger,
      directory,
    });
    expect((await findPendingRuns({ directory })).runs.map((run) => run.runId)).toEqual(['run-blocked']);
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'Run run-killed (zone z1): terminate-machines cannot be undone; marked as settled.',
    ]);
  });
});
