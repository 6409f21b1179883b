import { describe, expect, it } from 'vitest';
import { createMemoryLedger } from './memory-ledger';
import { pendingChanges } from './pending-changes';

const input = (action: string, resources: string[]) => ({
  provider: 'gcp',
  zone: 'europe-west1-b',
  action,
  resources,
});

describe('createMemoryLedger', () => {
  it('numbers and links entries like the file ledger and hands out copies', async () => {
    const ledger = createMemoryLedger({ runId: 'memory-run', now: () => new Date(0) });
    const intent = await ledger.recordIntent({
      ...input('create-firewall', ['fw-a']),
      originalState: { tags: ['web'] },
    });
    await ledger.markDone(intent);
    (intent.resources as string[]).push('tampered');

    const entries = await ledger.entries();
    expect(entries).toEqual([
      {
        runId: 'memory-run',
        sequence: 1,
        recordedAt: '1970-01-01T00:00:00.000Z',
        phase: 'intent',
        provider: 'gcp',
        zone: 'europe-west1-b',
        action: 'create-firewall',
        resources: ['fw-a'],
        originalState: { tags: ['web'] },
      },
      expect.objectContaining({ sequence: 2, phase: 'done', refersTo: 1, resources: ['fw-a'] }),
    ]);
  });

  it('refuses secret-looking keys as the file ledger does', async () => {
    const ledger = createMemoryLedger();
    await expect(ledger.recordIntent({ ...input('x', []), undo: { token: 'abc' } })).rejects.toMatchObject({
      code: 'invalid-argument',
      argument: 'undo',
    });
    expect(await ledger.entries()).toEqual([]);
  });

  it('refuses entries without provider, zone, action or resource list', async () => {
    const ledger = createMemoryLedger();
    await expect(ledger.recordIntent({ ...input('', []) })).rejects.toMatchObject({ argument: 'action' });
    await expect(
      ledger.recordIntent({ ...input('x', []), resources: 'subnet-1' as unknown as string[] }),
    ).rejects.toMatchObject({ argument: 'resources' });
  });
});

describe('pendingChanges', () => {
  it('returns intents not undone, with or without a done entry, and merges the resources they name', async () => {
    const ledger = createMemoryLedger();
    const created = await ledger.recordIntent(input('create-firewall', ['tag:chaosgarden']));
    const crashed = await ledger.recordIntent(input('set-instance-tags', ['vm-1']));
    const restored = await ledger.recordIntent(input('replace-association', ['subnet-1']));
    await ledger.markDone(created, { resources: ['fw-123'] });
    await ledger.markDone(restored);
    await ledger.markUndone(restored);

    const pending = pendingChanges(await ledger.entries());

    expect(
      pending.map((change) => [change.intent.sequence, change.done?.sequence, change.resources]),
    ).toEqual([
      [created.sequence, 4, ['tag:chaosgarden', 'fw-123']],
      [crashed.sequence, undefined, ['vm-1']],
    ]);
  });

  it('is empty when every change was undone', async () => {
    const ledger = createMemoryLedger();
    const intent = await ledger.recordIntent(input('x', ['a']));
    await ledger.markUndone(intent);
    expect(pendingChanges(await ledger.entries())).toEqual([]);
  });
});
