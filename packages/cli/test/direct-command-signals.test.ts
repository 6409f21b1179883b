import { afterEach, describe, expect, it } from 'vitest';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  type MotoFixture,
  tagFilter,
} from './support/moto-fixture';
import { type CliRun, scratchDirectory, startCli } from './support/run-cli';

async function until(what: string, condition: () => boolean, run: CliRun): Promise<void> {
  while (!condition()) {
    if (run.child.exitCode !== null) throw new Error(`The command ended before ${what}:\n${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const cases = [
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const;

/**
 * `chaosgarden aws network … & kill -TERM $!`: a direct command stopped by a signal ends as the shell
 * expects of a process ended by it (128 + the signal number), after its roll-back, and says it got
 * the signal before it rolls back.
 */
describe('direct commands stopped by SIGINT or SIGTERM (moto)', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  function expectReceivedFirst(stderr: string, signal: string): void {
    const received = stderr.indexOf(`[Warning] Received ${signal}: stopping the running activities`);
    const handler = stderr.indexOf(`[Info] Signal handler invoked (${signal}). Aborting now.`);
    const completed = stderr.indexOf('[Info] Shutdown completed.');
    expect(received, stderr).toBeGreaterThanOrEqual(0);
    expect(handler, stderr).toBeGreaterThan(received);
    expect(completed, stderr).toBeGreaterThan(handler);
    expect(stderr.match(/Received SIG[A-Z]+/g), stderr).toHaveLength(1);
  }

  it.each(cases)('aws network exits with 128 + n after %s, rolled back', async (signal, expected) => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const run = startCli(awsNetworkArgs('--duration', '-1', '--yes'), scratchDirectory());
    await until(
      'both subnets were blocked',
      () => (run.stderr().match(/with blocking network access control list/g) ?? []).length === 2,
      run,
    );
    run.child.kill(signal);
    const { code, signal: killedBy, stdout, stderr } = await run.done;
    expect({ code, killedBy }, stderr).toEqual({ code: expected, killedBy: null });
    expectReceivedFirst(stderr, signal);
    expect(JSON.parse(stdout)).toMatchObject({ reason: 'termination-requested' });
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);
  });

  it.each(cases)('aws compute exits with 128 + n after %s', async (signal, expected) => {
    fixture = await createMotoFixture();
    const args = ['aws', 'compute', '--zone', 'us-east-1a', '--filter-instances', tagFilter];
    const run = startCli([...args, '--duration', '-1', '--yes'], scratchDirectory());
    await until('the instances were terminated', () => run.stderr().includes('Terminated '), run);
    run.child.kill(signal);
    const { code, signal: killedBy, stdout, stderr } = await run.done;
    expect({ code, killedBy }, stderr).toEqual({ code: expected, killedBy: null });
    expectReceivedFirst(stderr, signal);
    expect(JSON.parse(stdout)).toMatchObject({ reason: 'termination-requested' });
  });
});
