import { describe, expect, it } from 'vitest';
import { PartialSimulationError } from '../../errors/partial-simulation-error';
import { RollbackIncompleteError } from '../../errors/rollback-incomplete-error';
import { SimulationLockedError } from '../../errors/simulation-locked-error';
import { createMemoryLedger } from '../../ledger/memory-ledger';
import { pendingChanges } from '../../ledger/pending-changes';
import { createMemoryLogger } from '../../logging/memory-logger';
import type { Target } from '../../provider/v1/results';
import type { HeldArtefact } from '../holder/held-artefact';
import type { HolderRecord } from '../holder/holder-record';
import { recordedChange } from '../recorded-change';
import type { BlockReadBack } from './block-read-back';
import { emptyRollbackOutcome } from './empty-rollback-outcome';
import type { NetworkSimulationHooks } from './network-simulation-hooks';
import { runNetworkSimulationSequence } from './run-network-simulation-sequence';

/**
 * A cloud in memory: one artefact per unit, each cutting off its targets; the hooks a plugin would give,
 * so that the order of the steps and the rules of the sequence can be checked without a cloud.
 */
function setUp(options: { units: string[][]; missing?: string[]; leftovers?: HeldArtefact[] }) {
  const ledger = createMemoryLedger({ runId: 'run-1' });
  const recorder = { provider: 'test', zone: 'z1', ledger, changed: false };
  const logger = createMemoryLogger();
  const steps: string[] = [];
  const cut = new Set<string>();
  const artefacts: HeldArtefact[] = [...(options.leftovers ?? [])];
  const target = (id: string): Target => ({ kind: 'subnet', id, zone: 'z1' });
  const hooks: NetworkSimulationHooks<string[], string[]> = {
    plan: async () => {
      steps.push('plan');
      return { units: options.units, planned: options.units.flat().length, warnings: [] };
    },
    findLeftovers: async () => {
      steps.push('list');
      return [...artefacts];
    },
    prepare: async (unit, holder: HolderRecord) => {
      steps.push(`prepare ${unit.join(',')}`);
      await recordedChange(recorder, { action: 'create', resources: unit }, async () => {
        artefacts.push({ holder, where: unit.join(',') });
      });
      return unit;
    },
    writeHolder: async (holder) => {
      steps.push(`ticket ${holder.ticket}`);
    },
    block: async (unit) => {
      steps.push(`block ${unit.join(',')}`);
      const moved = unit.filter((id) => !options.missing?.includes(id));
      for (const id of moved) cut.add(id);
      return moved.map(target);
    },
    readBack: async (): Promise<BlockReadBack> => {
      steps.push('read back');
      const planned = options.units.flat();
      return {
        planned: planned.length,
        blocked: planned.filter((id) => cut.has(id)).map(target),
        missed: planned.filter((id) => !cut.has(id)).map((id) => ({ id, label: id, why: 'refused' })),
      };
    },
    unblock: async ({ phase }) => {
      steps.push(`unblock ${phase}`);
      const outcome = emptyRollbackOutcome();
      outcome.restored.push(...[...cut].map(target));
      cut.clear();
      return outcome;
    },
    describeChange: () => [],
  };
  const run = (fields: { signal?: AbortSignal; allowPartial?: boolean; durationSeconds?: number } = {}) =>
    runNetworkSimulationSequence({
      name: 'test',
      recorder,
      logger,
      durationSeconds: fields.durationSeconds ?? 0,
      signal: fields.signal ?? new AbortController().signal,
      holder: { run: 'run-1', host: 'here', pid: process.pid, until: null, ticket: null },
      rollbackLeftovers: false,
      allowPartial: fields.allowPartial ?? false,
      rollbackTimeoutSeconds: 5,
      kind: 'subnets',
      blockingMessage: 'Partitioning.',
      words: {
        lock: 'the zone',
        describe: () => 'another run',
        rollbackHint: 'roll back',
        undone: 'nothing cut',
      },
      rollbackCommand: { filters: {}, configuration: {} },
      hooks,
    });
  return { run, steps, ledger, logger, cut };
}

describe('runNetworkSimulationSequence', () => {
  it('plans, checks the lock, rolls back left-overs, prepares all, claims, cuts, reads back, waits and rolls back', async () => {
    const { run, steps, ledger, cut } = setUp({ units: [['s1', 's2'], ['s3']] });
    const result = await run();
    expect(steps).toEqual([
      'plan',
      'list',
      'unblock leftovers',
      'prepare s1,s2',
      'prepare s3',
      'list',
      'ticket 1',
      'list',
      'block s1,s2',
      'block s3',
      'read back',
      'unblock final',
    ]);
    expect(result).toMatchObject({ status: 'complete', reason: 'single-invocation' });
    expect(result.blocked.map((entry) => entry.id)).toEqual(['s1', 's2', 's3']);
    expect(cut.size).toBe(0);
    expect(pendingChanges(await ledger.entries())).toEqual([]);
  });

  it('refuses before any change while another live run holds the zone', async () => {
    const other = { holder: { run: 'other', host: 'elsewhere', pid: 1, until: null }, where: 'acl-x' };
    const { run, steps } = setUp({ units: [['s1']], leftovers: [other] });
    await expect(run()).rejects.toSatisfy(SimulationLockedError.isInstance);
    expect(steps).toEqual(['plan', 'list']);
  });

  it('refuses a partial block after rolling back, unless allowPartial, which reports it partial', async () => {
    const refused = setUp({ units: [['s1', 's2']], missing: ['s2'] });
    await expect(refused.run()).rejects.toSatisfy(PartialSimulationError.isInstance);
    expect(refused.steps.at(-1)).toBe('unblock final');
    expect(refused.cut.size).toBe(0);
    const accepted = setUp({ units: [['s1', 's2']], missing: ['s2'] });
    const result = await accepted.run({ allowPartial: true });
    expect(result.status).toBe('partial');
    expect(result.warnings).toEqual(['s2 was planned for blocking but is not blocked: refused.']);
  });

  it('treats a stop while waiting as the end, not a failure, and still rolls back', async () => {
    const controller = new AbortController();
    const { run, steps, cut } = setUp({ units: [['s1']] });
    const running = run({ signal: controller.signal, durationSeconds: -1 });
    while (!steps.includes('read back')) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const result = await running;
    expect(result.reason).toBe('termination-requested');
    expect(steps.at(-1)).toBe('unblock final');
    expect(cut.size).toBe(0);
  });

  it('throws RollbackIncompleteError naming what the roll-back left, and leaves its changes pending', async () => {
    const ledger = createMemoryLedger({ runId: 'run-1' });
    const outcome = emptyRollbackOutcome();
    outcome.leftovers.push('acl-1');
    await expect(runWithLeftover(ledger, outcome)).rejects.toThrow(/acl-1/);
    await expect(runWithLeftover(ledger, outcome)).rejects.toSatisfy(RollbackIncompleteError.isInstance);
    expect(pendingChanges(await ledger.entries())).toHaveLength(2);
  });
});

async function runWithLeftover(
  ledger: ReturnType<typeof createMemoryLedger>,
  outcome: ReturnType<typeof emptyRollbackOutcome>,
) {
  const recorder = { provider: 'test', zone: 'z1', ledger, changed: false };
  return runNetworkSimulationSequence<string, string>({
    name: 'test',
    recorder,
    logger: createMemoryLogger(),
    durationSeconds: 0,
    signal: new AbortController().signal,
    holder: { run: 'run-1', host: 'here', pid: process.pid, until: null, ticket: null },
    rollbackLeftovers: false,
    allowPartial: false,
    rollbackTimeoutSeconds: 5,
    kind: 'subnets',
    blockingMessage: 'Partitioning.',
    words: {
      lock: 'the zone',
      describe: () => 'another run',
      rollbackHint: 'roll back',
      undone: 'nothing cut',
    },
    rollbackCommand: { filters: {}, configuration: {} },
    hooks: {
      plan: async () => ({ units: ['u'], planned: 1, warnings: [] }),
      findLeftovers: async () => [],
      prepare: async (unit) => {
        await recordedChange(recorder, { action: 'create', resources: [unit] }, async () => undefined);
        return unit;
      },
      block: async () => [],
      unblock: async ({ phase }) => (phase === 'final' ? outcome : emptyRollbackOutcome()),
      describeChange: () => [],
    },
  });
}
