import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import {
  aclOfSubnet,
  awsZoneAction,
  blockingAclIds,
  createMotoFixture,
  experimentConfiguration,
  type MotoFixture,
} from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

/** The Python docs' pattern: a simulation started `_in_background`, then more method activities. */
function experiment(duration: number) {
  return {
    title: 'Background network outage',
    configuration: experimentConfiguration,
    method: [
      awsZoneAction('block-zone-in-background', 'run_network_failure_simulation_in_background', { duration }),
      { type: 'action', name: 'meanwhile', provider: { type: 'process', path: 'sleep', arguments: ['1'] } },
    ],
  };
}

describe('…_in_background simulations in an experiment', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  it('runs alongside the method, is joined before the run ends and journals its result and changes', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(experiment(3)));
    const { code, stderr } = await startCli(['run', 'experiment.json'], cwd).done;
    expect(code).toBe(0);
    expect(stderr).toContain('Launching background thread runNetworkFailureSimulation.');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    const [background, meanwhile] = journal.run;
    expect(background?.status).toBe('succeeded');
    const output = background?.output as
      | { backgroundTask: string; result: { reason: string; blocked: unknown[] } }
      | undefined;
    expect(output?.backgroundTask).toBe('runNetworkFailureSimulation');
    expect(output?.result.reason).toBe('time-up');
    expect(output?.result.blocked).toHaveLength(2);
    expect(background?.changes?.some((entry) => entry.action === 'create-network-acl')).toBe(true);
    // The method went on while the simulation ran: the sleep ended before the simulation did.
    expect(Date.parse(meanwhile?.end ?? '')).toBeLessThan(Date.parse(background?.end ?? ''));
  });

  it('is stopped and rolled back by SIGTERM, then journaled as interrupted', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(experiment(-1)));
    const run = startCli(['run', 'experiment.json'], cwd);
    const deadline = Date.now() + 30_000;
    while (
      (run.stderr().match(/with blocking network access control list/g) ?? []).length < 2 &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    run.child.kill('SIGTERM');
    const { code } = await run.done;
    expect(code).toBe(143);
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.run[0]?.status).toBe('interrupted');
  });
});
