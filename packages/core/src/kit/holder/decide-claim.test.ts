import { describe, expect, it } from 'vitest';
import { compareHolders } from './compare-holders';
import { decideClaim } from './decide-claim';
import type { HeldArtefact } from './held-artefact';
import type { HolderRecord as AclHolder } from './holder-record';
import { nextTicket } from './next-ticket';

// Ported from the AWS plugin's claim-order tests: the same cases over core's generic artefacts.
const inAnHour = new Date(Date.now() + 3_600_000).toISOString();

function holder(run: string, ticket: number | null | undefined, fields: Partial<AclHolder> = {}): AclHolder {
  const base: AclHolder = { run, host: 'another-machine', pid: 42, until: inAnHour, ...fields };
  return ticket === undefined ? base : { ...base, ticket };
}

function acl(id: string, tagged: AclHolder | undefined): HeldArtefact {
  return { holder: tagged, where: id };
}

const scope = { runId: 'run-b', rollbackLeftovers: false };

describe('compareHolders', () => {
  it('orders by ticket, then by run id, the same way on every machine', () => {
    const holders = [holder('run-c', 2), holder('run-b', 1), holder('run-a', 2), holder('run-z', 1)];
    const sorted = [...holders].sort(compareHolders).map((entry) => `${entry.ticket}/${entry.run}`);
    expect(sorted).toEqual(['1/run-b', '1/run-z', '2/run-a', '2/run-c']);
    // A total order: for two different holders exactly one goes first, seen from either side.
    for (const a of holders) {
      for (const b of holders) {
        if (a === b) expect(compareHolders(a, b)).toBe(0);
        else expect(compareHolders(a, b) < 0).toBe(compareHolders(b, a) > 0);
      }
    }
  });

  it('puts a holder that never gives way (no ticket: an older version, the Python tool) first', () => {
    expect(compareHolders(holder('run-z', undefined), holder('run-a', 1))).toBeLessThan(0);
    expect(compareHolders(undefined, holder('run-a', 1))).toBeLessThan(0);
  });
});

describe('nextTicket', () => {
  it('is one above the highest ticket of another holder, ignoring its own and those still choosing', () => {
    const acls = [
      acl('acl-1', holder('run-a', 3)),
      acl('acl-2', holder('run-b', 9)),
      acl('acl-3', holder('run-c', null)),
    ];
    expect(nextTicket(acls, 'run-b')).toBe(4);
    expect(nextTicket([], 'run-b')).toBe(1);
  });
});

describe('decideClaim', () => {
  const own = holder('run-b', 2);

  it('goes ahead when every other holder goes later', () => {
    const acls = [acl('acl-own', own), acl('acl-2', holder('run-c', 2)), acl('acl-3', holder('run-a', 3))];
    expect(decideClaim(own, acls, scope)).toEqual({ verdict: 'won' });
  });

  it('gives way to a holder with a lower ticket, or the same ticket and a lower run id', () => {
    expect(decideClaim(own, [acl('acl-2', holder('run-c', 1))], scope)).toMatchObject({
      verdict: 'lost',
      artefact: { where: 'acl-2' },
    });
    expect(decideClaim(own, [acl('acl-3', holder('run-a', 2))], scope)).toMatchObject({ verdict: 'lost' });
  });

  it('waits for a holder still taking its ticket, but gives way at once when another goes first', () => {
    const choosing = acl('acl-2', holder('run-c', null));
    expect(decideClaim(own, [choosing], scope)).toMatchObject({
      verdict: 'wait',
      artefact: { where: 'acl-2' },
    });
    expect(decideClaim(own, [choosing, acl('acl-3', holder('run-a', 1))], scope)).toMatchObject({
      verdict: 'lost',
      artefact: { where: 'acl-3' },
    });
  });

  it('ignores provably ended holders, and untagged ACLs only with rollbackLeftovers', () => {
    const expired = acl('acl-2', holder('run-a', 1, { until: new Date(Date.now() - 1000).toISOString() }));
    expect(decideClaim(own, [expired], scope)).toEqual({ verdict: 'won' });
    const untagged = acl('acl-python', undefined);
    expect(decideClaim(own, [untagged], scope)).toMatchObject({ verdict: 'lost' });
    expect(decideClaim(own, [untagged], { ...scope, rollbackLeftovers: true })).toEqual({ verdict: 'won' });
  });

  it('gives way to an older version’s holder (no ticket), which never gives way itself', () => {
    expect(decideClaim(own, [acl('acl-2', holder('run-z', undefined))], scope)).toMatchObject({
      verdict: 'lost',
    });
  });

  it('reaches the same verdicts from both sides: exactly one of two runs goes ahead', () => {
    const a = holder('run-a', 1);
    const b = holder('run-b', 1);
    const both = [acl('acl-a', a), acl('acl-b', b)];
    const verdictA = decideClaim(a, both, { runId: 'run-a', rollbackLeftovers: false }).verdict;
    const verdictB = decideClaim(b, both, { runId: 'run-b', rollbackLeftovers: false }).verdict;
    expect([verdictA, verdictB].sort()).toEqual(['lost', 'won']);
  });
});
