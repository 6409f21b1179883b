import { join } from 'node:path';
import { findPendingRuns } from '@chaosgarden/core';
import { type FaultProxy, readSandboxConnection, startFaultProxy } from '@chaosgarden/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  type MotoFixture,
} from './support/moto-fixture';
import { type CliRun, scratchDirectory, startCli, startShell } from './support/run-cli';

async function until(what: string, condition: () => boolean, run: CliRun): Promise<void> {
  while (!condition()) {
    if (run.child.exitCode !== null) throw new Error(`The command ended before ${what}:\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * `chaosgarden aws network` whose final roll-back the cloud never answers (the fault proxy holds every
 * request once the zone is blocked): the operator ends it without SIGKILL, learns what is still cut
 * off, and the printed command, run as printed once the cloud answers again, finishes the job.
 */
describe('a hanging roll-back of chaosgarden aws network (moto behind a holding fault proxy)', () => {
  let fixture: MotoFixture | undefined;
  let proxy: FaultProxy | undefined;
  afterEach(async () => {
    fixture?.ec2.destroy();
    await proxy?.close();
  });

  async function blockedRun(extra: string[]) {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const holding = { on: false };
    proxy = await startFaultProxy({
      target: readSandboxConnection().awsEndpoint,
      failureRate: 0,
      flavor: 'aws',
      hold: () => holding.on,
      log: () => {},
    });
    const env = { AWS_ENDPOINT_URL_EC2: proxy.url, AWS_ENDPOINT_URL: proxy.url };
    const cwd = scratchDirectory();
    const run = startCli(awsNetworkArgs('--duration', '-1', '--yes', ...extra), cwd, env);
    await until(
      'both subnets were blocked',
      () => (run.stderr().match(/with blocking network access control list/g) ?? []).length === 2,
      run,
    );
    holding.on = true;
    return { original, holding, env, cwd, run };
  }

  /** What is still changed: subnets off their original ACL, blocking ACLs, pending ledger entries. */
  async function whatIsLeft(original: Map<string, string>, cwd: string): Promise<string[]> {
    const ec2 = (fixture as MotoFixture).ec2;
    const now = await aclOfSubnet(ec2);
    const left = [...original]
      .filter(([subnet, acl]) => now.get(subnet) !== acl)
      .map(([subnet]) => `${subnet} blocked`);
    left.push(...(await blockingAclIds(ec2)).map((id) => `blocking ACL ${id}`));
    const pending = await findPendingRuns({ directory: join(cwd, 'state') });
    left.push(
      ...pending.runs.flatMap((run) => run.changes.map((change) => `ledger: ${change.intent.action}`)),
    );
    return left;
  }

  async function finishWithPrintedCommand(stderr: string, blocked: ReturnType<typeof blockedRun>) {
    const { original, holding, env, cwd } = await blocked;
    const subnets = (fixture as MotoFixture).subnetsInZone;
    for (const subnet of subnets) expect(stderr).toContain(`[Error] Still blocked: ${subnet} (`);
    const command = /^\[Error\] To finish the roll-back, run: (chaosgarden rollback .+)$/m.exec(stderr)?.[1];
    expect(command, stderr).toBeDefined();
    expect(command).toContain('--provider aws --zone us-east-1a --run ');
    // Nothing undone: the subnets are still cut off and the ledger still knows it.
    const left = await whatIsLeft(original, cwd);
    expect(left.filter((entry) => entry.endsWith(' blocked')).sort()).toEqual(
      subnets.map((subnet) => `${subnet} blocked`).sort(),
    );
    expect(left).toContain('ledger: replace-network-acl-association');

    holding.on = false;
    const finish = await startShell(command ?? '', cwd, env).done;
    expect(finish.code, finish.stderr).toBe(0);
    expect(await whatIsLeft(original, cwd)).toEqual([]);
  }

  it('ends on the third SIGINT with exit 1, naming each subnet still blocked and the command that finishes the job', async () => {
    const blocked = blockedRun([]);
    const { run } = await blocked;
    run.child.kill('SIGINT');
    await until(
      'the roll-back was held',
      () => run.stderr().includes('Received SIGINT') && (proxy?.stats().held ?? 0) > 0,
      run,
    );
    run.child.kill('SIGINT');
    await until('the second signal was seen', () => run.stderr().includes('A third signal abandons'), run);
    run.child.kill('SIGINT');
    const { code, signal, stderr } = await run.done;
    expect({ code, signal }, stderr).toEqual({ code: 1, signal: null });
    expect(stderr).toContain('(abandoned: a third SIGINT abandoned it)');
    await finishWithPrintedCommand(stderr, blocked);
  });

  it('ends at --rollback-timeout with exit 1 and the same report, without further signals', async () => {
    const blocked = blockedRun(['--rollback-timeout', '1']);
    const { run } = await blocked;
    run.child.kill('SIGTERM');
    const { code, signal, stderr } = await run.done;
    expect({ code, signal }, stderr).toEqual({ code: 1, signal: null });
    expect(proxy?.stats().held).toBeGreaterThan(0);
    expect(stderr).toContain('(abandoned: the roll-back deadline (1 s) passed)');
    await finishWithPrintedCommand(stderr, blocked);
  });
});
