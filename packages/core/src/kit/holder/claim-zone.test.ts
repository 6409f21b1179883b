import { describe, expect, it } from 'vitest';
import { SimulationLockedError } from '../../errors/simulation-locked-error';
import { assertNotHeld } from './assert-not-held';
import { claimZone } from './claim-zone';
import type { CloudLockWords } from './cloud-lock-words';
import { createLeaseRenewal } from './create-lease-renewal';
import type { HeldArtefact } from './held-artefact';
import type { HolderRecord } from './holder-record';

const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
const words: CloudLockWords = {
  lock: 'network failure simulation of zone z1',
  describe: (holder) => (holder === undefined ? 'a run without holder' : `run ${holder.run}`),
  rollbackHint: 'roll it back first',
  undone: 'this run removed its own artefacts',
};
const holder = (run: string, ticket?: number | null): HolderRecord => ({
  run,
  host: 'another-machine',
  pid: 1,
  until: inAnHour,
  ...(ticket === undefined ? {} : { ticket }),
});

/** A zone's artefacts in memory: what two runs listing and tagging at once would see. */
function zone(initial: HeldArtefact[]) {
  const artefacts = [...initial];
  return {
    artefacts,
    list: async () => [...artefacts],
    tagger: (where: string) => async (written: HolderRecord) => {
      const index = artefacts.findIndex((artefact) => artefact.where === where);
      artefacts[index] = { holder: written, where };
    },
  };
}

describe('claimZone', () => {
  it('takes the ticket above the highest and goes ahead when no other holder goes first', async () => {
    const own = holder('run-b', null);
    const cloud = zone([
      { holder: own, where: 'own' },
      { holder: holder('run-a', 4), where: 'old' },
    ]);
    cloud.artefacts[1] = {
      holder: { ...holder('run-a', 4), until: new Date(Date.now() - 1).toISOString() },
      where: 'old',
    };
    const claimed = await claimZone({
      own,
      scope: { runId: 'run-b', rollbackLeftovers: false },
      list: cloud.list,
      writeTicket: cloud.tagger('own'),
      words,
      signal: new AbortController().signal,
    });
    expect(claimed.ticket).toBe(5);
    expect(cloud.artefacts[0]?.holder?.ticket).toBe(5);
  });

  it('lets exactly one of two runs that claim at the same moment go ahead', async () => {
    const cloud = zone([
      { holder: holder('run-a', null), where: 'a' },
      { holder: holder('run-b', null), where: 'b' },
    ]);
    const claim = (run: string) =>
      claimZone({
        own: holder(run, null),
        scope: { runId: run, rollbackLeftovers: false },
        list: cloud.list,
        writeTicket: cloud.tagger(run.slice(-1)),
        words,
        signal: new AbortController().signal,
        pollMs: 5,
      }).then(
        () => 'won',
        (error: unknown) => (SimulationLockedError.isInstance(error) ? 'lost' : String(error)),
      );
    expect((await Promise.all([claim('run-a'), claim('run-b')])).sort()).toEqual(['lost', 'won']);
  });

  it('gives way to a holder that never takes a ticket within the wait limit, naming it', async () => {
    const cloud = zone([
      { holder: holder('run-a', null), where: 'acl-a' },
      { holder: holder('run-b', null), where: 'b' },
    ]);
    const claiming = claimZone({
      own: holder('run-b', null),
      scope: { runId: 'run-b', rollbackLeftovers: false },
      list: cloud.list,
      writeTicket: cloud.tagger('b'),
      words,
      signal: new AbortController().signal,
      pollMs: 5,
      waitLimitMs: 30,
    });
    await expect(claiming).rejects.toThrow(
      /held in the cloud \(acl-a, created at the same moment as this run's\) by run run-a/,
    );
  });
});

describe('assertNotHeld', () => {
  it('refuses a live holder and the Python tool’s artefact, but not a dead one or with rollbackLeftovers', () => {
    const expired = {
      holder: { ...holder('old'), until: new Date(Date.now() - 1).toISOString() },
      where: 'x',
    };
    expect(() => assertNotHeld([expired], { words, rollbackLeftovers: false })).not.toThrow();
    expect(() =>
      assertNotHeld([{ holder: holder('r'), where: 'acl-1' }], { words, rollbackLeftovers: true }),
    ).toThrow(/held in the cloud \(acl-1\) by run r/);
    const untagged = { holder: undefined, where: 'acl-py' };
    expect(() => assertNotHeld([untagged], { words, rollbackLeftovers: false })).toThrow(
      /rollbackLeftovers: true/,
    );
    expect(() => assertNotHeld([untagged], { words, rollbackLeftovers: true })).not.toThrow();
  });
});

describe('createLeaseRenewal', () => {
  it('writes a renewed lease once per period and keeps the run going when a write fails', async () => {
    let clock = 0;
    const written: HolderRecord[] = [];
    const problems: string[] = [];
    let fail = false;
    const renewal = createLeaseRenewal({
      holder: { ...holder('r', 2), until: new Date(0).toISOString() },
      write: async (renewed) => {
        if (fail) throw new Error('throttled');
        written.push(renewed);
      },
      onError: (message) => problems.push(message),
      everyMs: 1000,
      now: () => clock,
    });
    await renewal.renewIfDue();
    expect(written).toHaveLength(0);
    clock = 1000;
    await renewal.renewIfDue();
    expect(written.map((entry) => entry.until)).toEqual([new Date(1000 + 900_000).toISOString()]);
    expect(written[0]?.ticket).toBe(2);
    fail = true;
    clock = 2000;
    await renewal.renewIfDue();
    expect(problems).toEqual(["Renewing the holder's lease failed: Error: throttled"]);
    expect(renewal.holder.until).toBe(new Date(1000 + 900_000).toISOString());
  });
});
