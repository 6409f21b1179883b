import { describe, expect, it } from 'vitest';
import { timedLedger } from './timed-ledger.mjs';

describe('timedLedger', () => {
  it('passes every call on and records one timed write per intent, done and undone', async () => {
    const calls: string[] = [];
    const inner = {
      runId: 'run-1',
      path: '/state/runs/run-1.jsonl',
      recordIntent: async (entry: { action: string }) => {
        calls.push(`intent ${entry.action}`);
        return { sequence: 1, ...entry };
      },
      markDone: async (_intent: unknown, details?: { resources?: string[] }) => {
        calls.push(`done ${details?.resources?.join(',')}`);
      },
      markUndone: async () => {
        calls.push('undone');
      },
      entries: async () => [{ sequence: 1 }],
    };
    const { ledger, writes } = timedLedger(inner as never);
    expect(ledger.runId).toBe('run-1');
    expect((ledger as unknown as { path: string }).path).toBe('/state/runs/run-1.jsonl');
    const intent = await ledger.recordIntent({ action: 'create-network-acl' } as never);
    expect(intent).toMatchObject({ sequence: 1, action: 'create-network-acl' });
    await ledger.markDone(intent, { resources: ['acl-1'] });
    await ledger.markUndone(intent);
    expect(await ledger.entries()).toEqual([{ sequence: 1 }]);
    expect(calls).toEqual(['intent create-network-acl', 'done acl-1', 'undone']);
    expect(writes.map((write) => write.kind)).toEqual(['intent', 'done', 'undone']);
    for (const write of writes) expect(write.end).toBeGreaterThanOrEqual(write.start);
  });

  it('records a write that failed, and passes the failure on', async () => {
    const failing = {
      runId: 'run-2',
      recordIntent: async () => {
        throw new Error('disk full');
      },
    };
    const { ledger, writes } = timedLedger(failing as never);
    await expect(ledger.recordIntent({} as never)).rejects.toThrow('disk full');
    expect(writes).toHaveLength(1);
    expect(ledger).not.toHaveProperty('path');
  });
});
