import { describe, expect, it } from 'vitest';
import { rollbackCommandLine, shellQuote } from './rollback-command-line';
import { startRollbackDeadline, validateRollbackTimeout } from './rollback-deadline';

const aborted = (signal: AbortSignal) =>
  new Promise<unknown>((resolve) =>
    signal.addEventListener('abort', () => resolve(signal.reason), { once: true }),
  );

describe('startRollbackDeadline', () => {
  it('aborts its signal when the deadline passes and says so', async () => {
    const deadline = startRollbackDeadline({ timeoutSeconds: 0.05 });
    const reason = await aborted(deadline.signal);
    deadline.dispose();
    expect(deadline.abandonment).toEqual({ cause: 'deadline', timeoutSeconds: 0.05 });
    expect((reason as DOMException).name).toBe('TimeoutError');
  });

  it("aborts with the caller's signal, also one aborted before, and never without a cause", () => {
    const caller = new AbortController();
    const deadline = startRollbackDeadline({ timeoutSeconds: -1, signal: caller.signal });
    expect(deadline.signal.aborted).toBe(false);
    expect(deadline.abandonment).toBeUndefined();
    caller.abort(new Error('enough'));
    expect(deadline.abandonment).toEqual({ cause: 'caller' });
    expect((deadline.signal.reason as Error).message).toBe('enough');
    deadline.dispose();
    const late = startRollbackDeadline({ signal: caller.signal });
    expect(late.signal.aborted).toBe(true);
    late.dispose();
  });
});

describe('validateRollbackTimeout', () => {
  it('defaults to 600, keeps positive and negative numbers, refuses 0 and non-numbers', () => {
    expect(validateRollbackTimeout(undefined)).toBe(600);
    expect(validateRollbackTimeout(2.5)).toBe(2.5);
    expect(validateRollbackTimeout(-1)).toBe(-1);
    for (const bad of [0, '10', Number.NaN, true]) {
      expect(() => validateRollbackTimeout(bad)).toThrow(
        /rollbackTimeoutSeconds must be a number of seconds/,
      );
    }
  });
});

describe('rollbackCommandLine', () => {
  it('names provider, zone, run, the non-empty filters as JSON and the configuration, quoted for a shell', () => {
    const line = rollbackCommandLine({
      provider: 'aws',
      zone: 'eu-west-1a',
      runId: '20260101T000000Z-abc',
      filters: {
        vpcs: [{ Name: 'tag-key', Values: ["it's"] }],
        subnets: [],
      },
      configuration: { awsRegion: 'eu-west-1', awsProfileName: undefined },
      stateDirectory: '/tmp/state dir',
    });
    expect(line).toBe(
      `chaosgarden rollback --provider aws --zone eu-west-1a --run 20260101T000000Z-abc --filter-vpcs '[{"Name":"tag-key","Values":["it'\\''s"]}]' --config awsRegion=eu-west-1 --state-dir '/tmp/state dir'`,
    );
    expect(shellQuote('plain-word_1.2')).toBe('plain-word_1.2');
  });
});
