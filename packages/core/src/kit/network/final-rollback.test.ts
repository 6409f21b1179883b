import { describe, expect, it } from 'vitest';
import { RollbackIncompleteError } from '../../errors/rollback-incomplete-error';
import { createMemoryLedger } from '../../ledger/memory-ledger';
import { pendingChanges } from '../../ledger/pending-changes';
import { createMemoryLogger } from '../../logging/memory-logger';
import { recordedChange } from '../recorded-change';
import { emptyRollbackOutcome } from './empty-rollback-outcome';
import { finalRollback } from './final-rollback';

async function changedRecorder(zone = 'z1') {
  const recorder = { provider: 'test', zone, ledger: createMemoryLedger({ runId: 'run-1' }), changed: false };
  await recordedChange(recorder, { action: 'create-thing', resources: ['thing-1'] }, async () => undefined);
  return recorder;
}

const words = {
  describeChange: () => [{ target: true, line: 'thing-1 (still cut off)' }],
  filters: { vpcs: [{ Name: 'tag-key', Values: ['k'] }] },
  configuration: { region: 'r1' },
};

describe('finalRollback', () => {
  it('does nothing when the run changed nothing', async () => {
    const recorder = { provider: 'test', zone: 'z1', ledger: createMemoryLedger(), changed: false };
    let called = false;
    const unblock = async () => {
      called = true;
      return emptyRollbackOutcome();
    };
    const outcome = await finalRollback({
      recorder,
      logger: createMemoryLogger(),
      timeoutSeconds: 5,
      rollbackSignal: undefined,
      failure: undefined,
      unblock,
      words,
    });
    expect(outcome).toEqual(emptyRollbackOutcome());
    expect(called).toBe(false);
  });

  it("marks every pending change of the run's provider and zone undone once nothing is left", async () => {
    const recorder = await changedRecorder();
    const other = { ...recorder, zone: 'z2' };
    await recordedChange(other, { action: 'create-thing', resources: ['elsewhere'] }, async () => undefined);
    await finalRollback({
      recorder,
      logger: createMemoryLogger(),
      timeoutSeconds: 5,
      rollbackSignal: undefined,
      failure: undefined,
      unblock: async () => emptyRollbackOutcome(),
      words,
    });
    expect(pendingChanges(await recorder.ledger.entries()).map((change) => change.intent.zone)).toEqual([
      'z2',
    ]);
  });

  it('names what is left and the command that finishes it when the caller gives the roll-back up', async () => {
    const recorder = await changedRecorder();
    const logger = createMemoryLogger();
    const controller = new AbortController();
    const unblock = async (signal: AbortSignal) => {
      controller.abort();
      expect(signal.aborted).toBe(true);
      const outcome = emptyRollbackOutcome();
      outcome.leftovers.push('thing-1');
      return outcome;
    };
    const failure = new Error('what stopped it');
    const rollback = finalRollback({
      recorder,
      logger,
      timeoutSeconds: 5,
      rollbackSignal: controller.signal,
      failure,
      unblock,
      words,
    });
    await expect(rollback).rejects.toSatisfy(RollbackIncompleteError.isInstance);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages).toContain('Still blocked: thing-1 (still cut off)');
    expect(messages.at(-1)).toMatch(
      /^To finish the roll-back, run: chaosgarden rollback --provider test --zone z1 --run run-1 --filter-vpcs /,
    );
    expect(pendingChanges(await recorder.ledger.entries())).toHaveLength(1);
  });
});
