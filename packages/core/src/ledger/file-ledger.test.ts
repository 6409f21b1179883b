import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerSecret } from '../logging/secret-registry';
import { bundleFixture, spawnFixture } from '../tasks/fixtures/bundle-fixture';
import { createFileLedger } from './file-ledger';
import { listLedgerRuns, readLedger } from './read-ledger';
import type { LedgerEntryInput } from './rollback-ledger';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'chaosgarden-ledger-'));
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(directory, { recursive: true, force: true });
});

const aclIntent: LedgerEntryInput = {
  provider: 'aws',
  zone: 'eu-west-1a',
  action: 'replace-network-acl-association',
  resources: ['subnet-1', 'subnet-2'],
  originalState: { 'subnet-1': 'aclassoc-a', 'subnet-2': 'aclassoc-b' },
  undo: { replaceNetworkAclAssociation: [{ subnetId: 'subnet-1', networkAclId: 'acl-original' }] },
};

describe('createFileLedger', () => {
  it('writes one JSON line per entry and reads them back unchanged, numbered from 1', async () => {
    const now = new Date('2024-05-06T07:08:09.010Z');
    const ledger = createFileLedger({ runId: 'run-1', directory, now: () => now });

    const intent = await ledger.recordIntent(aclIntent);
    await ledger.markDone(intent, { resources: ['subnet-1', 'subnet-2', 'aclassoc-new'] });
    await ledger.markUndone(intent);

    expect(ledger.path).toBe(join(directory, 'runs', 'run-1.jsonl'));
    expect(intent).toEqual({
      ...aclIntent,
      runId: 'run-1',
      sequence: 1,
      recordedAt: now.toISOString(),
      phase: 'intent',
    });
    const entries = await ledger.entries();
    expect(entries.map((entry) => [entry.sequence, entry.phase, entry.refersTo])).toEqual([
      [1, 'intent', undefined],
      [2, 'done', 1],
      [3, 'undone', 1],
    ]);
    expect(entries[0]).toEqual(intent);
    expect(entries[1]?.resources).toEqual(['subnet-1', 'subnet-2', 'aclassoc-new']);
    expect(await readLedger('run-1', { directory })).toEqual(entries);
    const lines = (await readFile(ledger.path, 'utf8')).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('');
    expect(JSON.parse(lines[0] ?? '')).toEqual(intent);
  });

  it('keeps concurrent appends whole and in sequence order', async () => {
    const ledger = createFileLedger({ runId: 'busy', directory });
    const intents = await Promise.all(
      Array.from({ length: 25 }, (_, index) =>
        ledger.recordIntent({ ...aclIntent, resources: [`subnet-${index}`] }),
      ),
    );

    expect(intents.map((entry) => entry.sequence).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 25 }, (_, index) => index + 1),
    );
    const stored = await readLedger('busy', { directory });
    expect(stored.map((entry) => entry.sequence)).toEqual(
      intents.map((entry) => entry.sequence).sort((a, b) => a - b),
    );
  });

  it("continues an existing run's numbering", async () => {
    await createFileLedger({ runId: 'resumed', directory }).recordIntent(aclIntent);
    const second = await createFileLedger({ runId: 'resumed', directory }).recordIntent(aclIntent);
    expect(second.sequence).toBe(2);
  });

  it('keeps the file private to the user', async () => {
    const ledger = createFileLedger({ runId: 'private', directory });
    await ledger.recordIntent(aclIntent);
    expect((await stat(ledger.path)).mode & 0o777).toBe(0o600);
  });

  it('refuses secret-looking keys and masks registered secret values', async () => {
    const ledger = createFileLedger({ runId: 'secrets', directory });
    await expect(
      ledger.recordIntent({ ...aclIntent, originalState: { nic: { adminPassword: 'hunter22' } } }),
    ).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('nic.adminPassword'),
    });

    registerSecret('s3cr3t-value-for-ledger-test');
    const entry = await ledger.recordIntent({
      ...aclIntent,
      undo: { note: 'url?x=s3cr3t-value-for-ledger-test' },
    });

    expect(entry.undo).toEqual({ note: 'url?x=***' });
    const text = await readFile(ledger.path, 'utf8');
    expect(text).not.toContain('s3cr3t-value-for-ledger-test');
    expect(text).not.toContain('hunter22');
    expect(entry.sequence).toBe(2);
  });

  it('defaults to a new time-sortable run id in $CHAOSGARDEN_STATE_DIR', async () => {
    vi.stubEnv('CHAOSGARDEN_STATE_DIR', directory);
    const first = createFileLedger({});
    const second = createFileLedger({});
    await first.recordIntent(aclIntent);

    expect(first.runId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{8}$/);
    expect(first.runId).not.toBe(second.runId);
    expect(first.path).toBe(join(directory, 'runs', `${first.runId}.jsonl`));
    expect(await listLedgerRuns()).toEqual([first.runId]);
  });

  it('refuses a run id that could leave the directory', () => {
    expect(() => createFileLedger({ runId: '../escape', directory })).toThrow(/not usable as a file name/);
  });
});

describe('readLedger and listLedgerRuns', () => {
  it('lists runs oldest first and nothing for a directory without runs', async () => {
    expect(await listLedgerRuns({ directory })).toEqual([]);
    for (const runId of ['20240102T000000000Z-bbbb', '20240101T000000000Z-aaaa']) {
      await createFileLedger({ runId, directory }).recordIntent(aclIntent);
    }
    expect(await listLedgerRuns({ directory })).toEqual([
      '20240101T000000000Z-aaaa',
      '20240102T000000000Z-bbbb',
    ]);
  });

  it('says which runs exist when asked for an unknown one', async () => {
    await expect(readLedger('nope', { directory })).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringContaining('listLedgerRuns()'),
    });
  });

  it('skips a last line cut short by a crash but reports damage elsewhere', async () => {
    const ledger = createFileLedger({ runId: 'torn', directory });
    await ledger.recordIntent(aclIntent);
    const complete = await readFile(ledger.path, 'utf8');

    await writeFile(ledger.path, `${complete}{"runId":"torn","seq`);
    expect(await readLedger('torn', { directory })).toHaveLength(1);

    await writeFile(ledger.path, `{"broken\n${complete}`);
    await expect(readLedger('torn', { directory })).rejects.toMatchObject({ code: 'ledger-corrupt' });
  });
});

describe('crash safety (child process)', () => {
  it('keeps an intent on disk when the process is SIGKILLed right after recordIntent resolved', async () => {
    const fixture = await bundleFixture(
      fileURLToPath(new URL('./fixtures/record-intent-fixture.ts', import.meta.url)),
    );
    try {
      const child = spawnFixture(fixture.path, ['killed-run'], { CHAOSGARDEN_STATE_DIR: directory });
      await child.waitForLine('recorded 1');
      child.child.kill('SIGKILL');
      expect((await child.exited).signal).toBe('SIGKILL');

      const entries = await readLedger('killed-run', { directory });
      expect(entries).toEqual([
        expect.objectContaining({
          sequence: 1,
          phase: 'intent',
          action: 'create-network-acl',
          resources: ['vpc-123'],
        }),
      ]);
    } finally {
      await fixture.remove();
    }
  });
});
