import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture, type FixtureProcess, spawnFixture } from './fixtures/bundle-fixture';

const fixtureSource = fileURLToPath(new URL('./fixtures/signal-fixture.ts', import.meta.url));
let fixture: { path: string; remove: () => Promise<void> };

beforeAll(async () => {
  fixture = await bundleFixture(fixtureSource);
});

afterAll(async () => {
  await fixture?.remove();
});

async function startedFixture(args: string[] = [], rollbackMs = 200): Promise<FixtureProcess> {
  const child = spawnFixture(fixture.path, args, { ROLLBACK_MS: String(rollbackMs) });
  await child.waitForLine('background started');
  await child.waitForLine('foreground started');
  return child;
}

describe('signal handling while simulations run (child process)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'waits for both roll-backs on %s, then ends the process by that same signal',
    async (signal) => {
      const child = await startedFixture();
      child.child.kill(signal);
      const { code, signal: exitSignal } = await child.exited;

      expect(child.lines).toContain('foreground roll-back done');
      expect(child.lines).toContain('background roll-back done');
      expect(child.lines).toContain(`[Info] Signal handler invoked (${signal}). Aborting now.`);
      const completed = child.lines.findIndex((line) =>
        /^\[Info\] Shutdown completed\. All background threads terminated at \d\d:\d\d:\d\d /.test(line),
      );
      expect(completed).toBeGreaterThan(child.lines.indexOf('foreground roll-back done'));
      expect(completed).toBeGreaterThan(child.lines.indexOf('background roll-back done'));
      expect({ code, exitSignal }).toEqual({ code: null, exitSignal: signal });
    },
  );

  it('logs the tasks still running on a second signal and does not start a second shutdown', async () => {
    // Slow roll-backs, so the second signal surely arrives while they run, even on a loaded machine.
    const child = await startedFixture([], 1_500);
    child.child.kill('SIGINT');
    await child.waitForLine('[Info] Signal handler invoked (SIGINT). Aborting now.');
    child.child.kill('SIGINT');
    const { signal } = await child.exited;

    expect(child.lines).toContain(
      "[Info] Signal handler invoked (SIGINT) during shutdown. Still waiting for these background threads to end: ['background-simulation', 'foreground-simulation'].",
    );
    // The fixture's logger writes warnings to stderr.
    expect(child.stderr()).toMatch(
      /\[Warning\] A third signal abandons the roll-backs still waiting: they stop retrying and name what is still changed, which `chaosgarden rollback` then finishes from the roll-back ledger \(a roll-back that cannot give up ends only with kill -KILL \d+\)\./,
    );
    expect(child.lines.filter((line) => line.includes('Aborting now.'))).toHaveLength(1);
    expect(child.lines.filter((line) => line.startsWith('[Info] Shutdown completed.'))).toHaveLength(1);
    expect(child.lines).toContain('foreground roll-back done');
    expect(child.lines).toContain('background roll-back done');
    expect(signal).toBe('SIGINT');
  });

  it('tells an observer of each signal at once, before the roll-backs, with its count', async () => {
    const child = await startedFixture(['observe'], 1_500);
    child.child.kill('SIGTERM');
    await child.waitForLine('observed SIGTERM 1');
    child.child.kill('SIGTERM');
    await child.waitForLine('observed SIGTERM 2');
    const { signal } = await child.exited;

    const position = (line: string) => child.lines.indexOf(line);
    expect(position('observed SIGTERM 1')).toBeLessThan(
      position('[Info] Signal handler invoked (SIGTERM). Aborting now.'),
    );
    expect(position('observed SIGTERM 1')).toBeLessThan(position('foreground roll-back done'));
    expect(position('observed SIGTERM 2')).toBeLessThan(position('foreground roll-back done'));
    expect(signal).toBe('SIGTERM');
  });

  it('abandons a roll-back that never ends on the third signal, then ends the process by that signal', async () => {
    const child = await startedFixture(['hanging-rollback', 'observe']);
    for (const count of [1, 2, 3]) {
      child.child.kill('SIGINT');
      await child.waitForLine(`observed SIGINT ${count}`);
    }
    const { signal } = await child.exited;

    expect(child.lines).toContain('foreground roll-back abandoned: a third SIGINT abandoned it');
    expect(child.lines).toContain('background roll-back done');
    expect(child.stderr()).toContain(
      '[Warning] Abandoning 1 roll-back(s) still waiting (signal 3); what they did not undo stays pending in the roll-back ledger.',
    );
    expect(child.lines.filter((line) => line.startsWith('[Info] Shutdown completed.'))).toHaveLength(1);
    expect(signal).toBe('SIGINT');
  });

  it("calls the application's own earlier SIGTERM listener after both roll-backs and leaves the process alive", async () => {
    const child = await startedFixture(['own-sigterm-listener']);
    child.child.kill('SIGTERM');
    const { code, signal } = await child.exited;

    const position = (line: string) => child.lines.indexOf(line);
    expect(position('own listener ran')).toBeGreaterThan(position('foreground roll-back done'));
    expect(position('own listener ran')).toBeGreaterThan(position('background roll-back done'));
    expect(position('foreground roll-back done')).toBeGreaterThan(-1);
    expect(position('background roll-back done')).toBeGreaterThan(-1);
    expect(child.lines.filter((line) => line === 'own listener ran')).toHaveLength(1);
    expect(child.lines.at(-1)).toBe('fixture ends on its own');
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
