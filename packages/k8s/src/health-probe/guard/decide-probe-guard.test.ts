import { describe, expect, it } from 'vitest';
import { decideProbeGuard } from './decide-probe-guard';
import type { ProbeHolder } from './probe-holder';

const now = new Date('2026-03-01T12:00:00Z');
const alive = () => true;
const dead = () => false;

function holder(expectedEnd: string): string {
  const value: ProbeHolder = {
    runId: '20260301T115900Z-abcd1234',
    hostname: 'ci-7',
    pid: 4242,
    startedAt: '2026-03-01T11:59:00Z',
    expectedEnd,
  };
  return JSON.stringify(value);
}

describe('decideProbeGuard', () => {
  it('lets a probe start when the probe namespace does not exist', () => {
    expect(decideProbeGuard({}, now, alive)).toEqual({ verdict: 'free' });
  });

  it('refuses while the namespace names a holder whose expected end lies ahead, naming that holder', () => {
    const decision = decideProbeGuard(
      { namespace: { terminating: false, holderAnnotation: holder('2026-03-01T12:10:00Z') } },
      now,
      alive,
    );
    expect(decision).toEqual({
      verdict: 'held',
      holder:
        'run 20260301T115900Z-abcd1234 (pid 4242 on host ci-7, since 2026-03-01T11:59:00Z, expected to end by 2026-03-01T12:10:00Z)',
    });
  });

  it('treats a holder past its expected end as a left-over', () => {
    const decision = decideProbeGuard(
      { namespace: { terminating: false, holderAnnotation: holder('2026-03-01T11:59:59Z') } },
      now,
      alive,
    );
    expect(decision).toMatchObject({ verdict: 'left-over', reason: expect.stringContaining('overdue') });
  });

  it('treats a holder whose process is gone (SIGKILL on this machine) as a left-over before its expected end', () => {
    const decision = decideProbeGuard(
      { namespace: { terminating: false, holderAnnotation: holder('2026-03-01T12:10:00Z') } },
      now,
      dead,
    );
    expect(decision).toMatchObject({
      verdict: 'left-over',
      reason: expect.stringContaining('no longer running'),
    });
  });

  it('treats a terminating namespace as a left-over even with a live holder', () => {
    const decision = decideProbeGuard(
      { namespace: { terminating: true, holderAnnotation: holder('2026-03-01T12:10:00Z') } },
      now,
      alive,
    );
    expect(decision.verdict).toBe('left-over');
  });

  it('refuses an install without holder mark (the Python tool) whose last heartbeat is fresh', () => {
    const decision = decideProbeGuard(
      { namespace: { terminating: false }, newestHeartbeatAgeSeconds: 3 },
      now,
      alive,
    );
    expect(decision).toMatchObject({
      verdict: 'held',
      holder: expect.stringContaining('last heartbeat is 3s old'),
    });
  });

  it('counts a heartbeat exactly 15 s old as live and one 16 s old as stale', () => {
    const seen = (age: number) => ({ namespace: { terminating: false }, newestHeartbeatAgeSeconds: age });
    expect(decideProbeGuard(seen(15), now, alive).verdict).toBe('held');
    expect(decideProbeGuard(seen(16), now, alive).verdict).toBe('left-over');
  });

  it('treats an install without holder mark and without heartbeats as a left-over', () => {
    expect(decideProbeGuard({ namespace: { terminating: false } }, now, alive)).toEqual({
      verdict: 'left-over',
      reason: 'it has no holder mark and no heartbeats',
    });
  });

  it('reads a garbled holder annotation as no mark and falls back to the heartbeats', () => {
    const garbled = { terminating: false, holderAnnotation: '{"runId": 7' };
    expect(decideProbeGuard({ namespace: garbled, newestHeartbeatAgeSeconds: 1 }, now, alive).verdict).toBe(
      'held',
    );
    expect(decideProbeGuard({ namespace: garbled }, now, alive).verdict).toBe('left-over');
  });
});
