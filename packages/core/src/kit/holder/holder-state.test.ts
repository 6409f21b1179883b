import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { hostIdentity } from '../../locks/host-identity';
import { createHolderRecord } from './create-holder-record';
import { describeHolderRecord } from './describe-holder-record';
import type { HolderRecord } from './holder-record';
import { holderRole } from './holder-role';
import { holderState } from './holder-state';
import { leaseMarginSeconds } from './lease-margin-seconds';
import { renewHolderLease } from './renew-holder-lease';

const now = Date.parse('2026-03-01T12:00:00Z');
const later = new Date(now + 60_000).toISOString();
const earlier = new Date(now - 1000).toISOString();
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid as number;
const here = (fields: Partial<HolderRecord> = {}): HolderRecord => ({
  run: 'r',
  host: hostIdentity(),
  pid: process.pid,
  until: later,
  ...fields,
});

describe('holderState', () => {
  it('is alive for a live process of this host within its lease, dead once its process is gone', () => {
    expect(holderState(here(), now)).toBe('alive');
    expect(holderState(here({ pid: deadPid() }), now)).toBe('dead');
  });

  it('is dead once the lease ran out, on any host, and unknown for another host within its lease', () => {
    expect(holderState(here({ until: earlier }), now)).toBe('dead');
    expect(holderState(here({ host: 'another-machine', until: earlier }), now)).toBe('dead');
    expect(holderState(here({ host: 'another-machine' }), now)).toBe('unknown');
    expect(holderState(here({ host: 'another-machine', until: null }), now)).toBe('unknown');
    expect(holderState(undefined, now)).toBe('unknown');
  });
});

describe('holderRole', () => {
  const scope = { runId: 'mine', rollbackLeftovers: false };

  it('tells own, left-over and held artefacts apart', () => {
    expect(holderRole(here({ run: 'mine', host: 'another-machine' }), scope, now)).toBe('own');
    expect(holderRole(here({ host: 'another-machine', until: earlier }), scope, now)).toBe('left-over');
    expect(holderRole(here({ host: 'another-machine' }), scope, now)).toBe('held');
    expect(holderRole(undefined, scope, now)).toBe('held');
    expect(holderRole(undefined, { ...scope, rollbackLeftovers: true }, now)).toBe('left-over');
  });
});

describe('createHolderRecord and renewHolderLease', () => {
  it('leases duration plus the margin, and a run without an end the margin, renewed from now', () => {
    const fixed = createHolderRecord({
      run: 'r',
      durationSeconds: 60,
      now,
      env: { CHAOSGARDEN_HOST_ID: 'Box 1' },
    });
    expect(fixed).toEqual({
      run: 'r',
      host: 'box-1',
      pid: process.pid,
      until: new Date(now + (60 + leaseMarginSeconds) * 1000).toISOString(),
      ticket: null,
    });
    const open = createHolderRecord({ run: 'r', durationSeconds: -1, now });
    expect(open.until).toBe(new Date(now + leaseMarginSeconds * 1000).toISOString());
    const renewed = renewHolderLease(open, now + 300_000);
    expect(renewed.until).toBe(new Date(now + 300_000 + leaseMarginSeconds * 1000).toISOString());
    expect(renewHolderLease(fixed, now)).toBe(fixed); // never shortens a lease
  });
});

describe('describeHolderRecord', () => {
  it('names run, pid, host and lease, in the words each plugin uses', () => {
    const holder = { run: 'r1', host: 'ci-7', pid: 42, until: '2026-03-01T12:10:00Z' };
    expect(describeHolderRecord(holder)).toBe(
      'run r1 (pid 42 on host ci-7, lease until 2026-03-01T12:10:00Z)',
    );
    expect(describeHolderRecord({ ...holder, until: null })).toBe('run r1 (pid 42 on host ci-7, no end set)');
    expect(describeHolderRecord(holder, { since: '2026-03-01T11:59:00Z', lease: 'expected to end by' })).toBe(
      'run r1 (pid 42 on host ci-7, since 2026-03-01T11:59:00Z, expected to end by 2026-03-01T12:10:00Z)',
    );
    expect(describeHolderRecord(holder, { lease: 'omit' })).toBe('run r1 (pid 42 on host ci-7)');
  });
});
