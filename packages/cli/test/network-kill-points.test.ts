import { join } from 'node:path';
import { findPendingRuns } from '@chaosgarden/core';
import { readSandboxConnection, startFaultProxy } from '@chaosgarden/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { ledgerLineCount, spread, whenReached } from './support/kill-points';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  type MotoFixture,
} from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

const simulation = awsNetworkArgs('--duration', '1', '--yes');
const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
// 30 (resp. 8) child runs of several seconds each: 3 min on 2 cores shared with other work, past the
// emulator project's 2-minute default. A bound on the whole, not a wait.
const timeout = 600_000;

interface Outcome {
  signal: (typeof signals)[number];
  /** Ledger lines written when the signal was sent; -1: before the first, by time. */
  killedAt: number;
  /** Retries `chaosgarden rollback` logged. */
  retried: number;
  leftBehind: string[];
}

/**
 * Kills `chaosgarden aws network` at points spread over its whole life (start-up, set-up, blocking,
 * waiting, roll-back) with SIGINT, SIGTERM and SIGKILL. After SIGINT/SIGTERM the run itself must leave
 * nothing behind; after SIGKILL one `chaosgarden rollback` (no flags: the ledger knows where) must.
 */
describe('network simulation killed at many points (moto)', { timeout }, () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  async function whatIsLeft(original: Map<string, string>, state: string): Promise<string[]> {
    const left: string[] = [];
    const now = await aclOfSubnet((fixture as MotoFixture).ec2);
    for (const [subnet, acl] of original) {
      if (now.get(subnet) !== acl) left.push(`${subnet} on ${now.get(subnet)} instead of ${acl}`);
    }
    left.push(...(await blockingAclIds((fixture as MotoFixture).ec2)).map((id) => `blocking ACL ${id}`));
    const pending = await findPendingRuns({ directory: state });
    left.push(
      ...pending.runs.flatMap((run) =>
        run.changes.map((change) => `ledger: ${change.intent.action} pending`),
      ),
    );
    return left;
  }

  async function killAt(
    point: number,
    signal: Outcome['signal'],
    env: Record<string, string> = {},
  ): Promise<Outcome> {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    const state = join(cwd, 'state');
    const run = startCli(simulation, cwd, env);
    let ended = false;
    void run.done.then(() => {
      ended = true;
    });
    const started = Date.now();
    const reached = await whenReached(
      () => (point < 0 ? Date.now() - started > 150 : ledgerLineCount(state) >= point),
      () => ended,
    );
    const killedAt = reached ? (point < 0 ? -1 : ledgerLineCount(state)) : Number.POSITIVE_INFINITY;
    // The result on stdout is the run's last output: printed before the kill, the run had finished.
    const finishedBefore = run.stdout().trim() !== '';
    if (reached) run.child.kill(signal);
    const exit = await run.done;
    if (signal !== 'SIGKILL' && reached) {
      // 130/143: ended by the signal after its roll-back, or killed by it before any listener was set
      // up. 0 only when the run provably had finished before the kill; never 1 (a failed roll-back).
      const byTheSignal = signal === 'SIGINT' ? 130 : 143;
      const ending = exit.signal === signal ? byTheSignal : exit.code;
      expect(finishedBefore ? [0, byTheSignal] : [byTheSignal], exit.stderr).toContain(ending);
      const received = exit.stderr.indexOf(`[Warning] Received ${signal}:`);
      const completed = exit.stderr.indexOf('[Info] Shutdown completed.');
      if (completed >= 0) {
        // The handlers got it: the "Received" line comes first, not after the roll-back.
        expect(received, exit.stderr).toBeGreaterThanOrEqual(0);
        expect(received, exit.stderr).toBeLessThan(completed);
      }
    }
    let retried = 0;
    if (signal === 'SIGKILL') {
      const rollback = await startCli(['rollback'], cwd, env).done;
      expect(rollback.code, rollback.stderr).toBe(0);
      retried = rollback.stderr.split('\n').filter((line) => line.includes('[Warning] Retrying')).length;
    }
    return { signal, killedAt, retried, leftBehind: await whatIsLeft(original, state) };
  }

  it('leaves nothing behind at any kill point, with any signal', async () => {
    // One full run first: how many ledger lines a whole run writes, to spread the points over.
    fixture = await createMotoFixture();
    const cwd = scratchDirectory();
    const full = await startCli(simulation, cwd).done;
    expect(full.code, full.stderr).toBe(0);
    const total = ledgerLineCount(join(cwd, 'state'));
    expect(total).toBeGreaterThan(15);
    fixture.ec2.destroy();

    const points = [-1, ...spread(0, total - 1, 9)];
    const outcomes: Outcome[] = [];
    for (const signal of signals) {
      for (const point of points) outcomes.push(await killAt(point, signal));
    }

    const failed = outcomes.filter((outcome) => outcome.leftBehind.length > 0);
    const tried = outcomes.filter((outcome) => Number.isFinite(outcome.killedAt));
    console.log(
      `network kill points: ${tried.length} tried (${signals.map((signal) => `${signal} ${tried.filter((o) => o.signal === signal).length}`).join(', ')}; ledger lines at the kill ${tried.map((o) => o.killedAt).join(' ')} of ${total}), ${failed.length} left something behind`,
    );
    expect(failed).toEqual([]);
    expect(tried.length).toBeGreaterThanOrEqual(24);
  });

  it('leaves nothing behind when the simulation and its rollback go through a faulty API (20 %)', async () => {
    const sandbox = readSandboxConnection();
    const proxy = await startFaultProxy({
      target: sandbox.awsEndpoint,
      failureRate: 0.2,
      flavor: 'aws',
      seed: Number(process.env.CHAOSGARDEN_FAULT_SEED ?? 11),
      delayMs: [50, 400],
      log: () => {},
    });
    try {
      const env = { AWS_ENDPOINT_URL_EC2: proxy.url, AWS_ENDPOINT_URL: proxy.url };
      const outcomes: Outcome[] = [];
      for (const [point, signal] of [
        [4, 'SIGKILL'],
        [9, 'SIGKILL'],
        [13, 'SIGKILL'],
        [18, 'SIGKILL'],
        [22, 'SIGKILL'],
        [6, 'SIGTERM'],
        [14, 'SIGINT'],
        [20, 'SIGTERM'],
      ] as const) {
        outcomes.push(await killAt(point, signal, env));
      }
      const stats = proxy.stats();
      const injected = Object.values(stats.faults).reduce((sum, count) => sum + count, 0);
      const failed = outcomes.filter((outcome) => outcome.leftBehind.length > 0);
      console.log(
        `network kill points through the fault proxy (20 %, seed ${stats.seed}): ${outcomes.length} tried, ${failed.length} left something behind; ${stats.requests} requests, ${injected} faults (${Object.entries(
          stats.faults,
        )
          .map(([kind, count]) => `${kind} ${count}`)
          .join(
            ', ',
          )}), ${outcomes.reduce((sum, outcome) => sum + outcome.retried, 0)} retries logged by chaosgarden rollback`,
      );
      expect(failed).toEqual([]);
      expect(injected).toBeGreaterThanOrEqual(10);
    } finally {
      await proxy.close();
    }
  });
});
