import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

/** A network simulation that runs until stopped, and a rollback that leaves a trace on disk. */
function longExperiment(marker: string) {
  return {
    title: 'Network outage until interrupted',
    configuration: experimentConfiguration,
    method: [
      awsZoneAction('block-zone', 'run_network_failure_simulation', { duration: -1 }),
      {
        type: 'action',
        name: 'never-reached',
        provider: { type: 'process', path: 'touch', arguments: [`${marker}.method`] },
      },
    ],
    rollbacks: [
      awsZoneAction('rollback-network', 'rollback_network_failure_simulation'),
      {
        type: 'action',
        name: 'leave-trace',
        provider: { type: 'process', path: 'touch', arguments: [marker] },
      },
    ],
  };
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('chaosgarden run interrupted by SIGTERM', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  it('rolls the simulation back, runs the experiment rollbacks (strategy always) and exits with 143', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    const marker = join(cwd, 'rollback-ran');
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(longExperiment(marker)));
    const run = startCli(['run', 'experiment.json', '--rollback-strategy', 'always'], cwd);
    await until(() => (run.stderr().match(/with blocking network access control list/g) ?? []).length === 2);
    expect(await blockingAclIds(fixture.ec2)).toHaveLength(1);

    run.child.kill('SIGTERM');
    const { code, stderr } = await run.done;
    expect(code).toBe(143);
    expect(stderr).toContain('Signal handler invoked (SIGTERM). Aborting now.');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);

    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.status).toBe('interrupted');
    expect(journal.chaosgarden.signal).toBe('SIGTERM');
    expect(journal.run.map((entry) => [entry.activity.name, entry.status])).toEqual([
      ['block-zone', 'interrupted'],
    ]);
    expect((journal.run[0]?.output as { reason?: string } | undefined)?.reason).toBe('termination-requested');
    expect(journal.rollbacks.map((entry) => [entry.activity.name, entry.status])).toEqual([
      ['rollback-network', 'succeeded'],
      ['leave-trace', 'succeeded'],
    ]);
    expect(readFileSync(marker, 'utf8')).toBe('');
    // The method stopped at the interrupted simulation: its next action never ran.
    expect(existsSync(`${marker}.method`)).toBe(false);
  });

  it('with the default strategy, rolls the simulation back but skips the experiment rollbacks', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    writeFileSync(join(cwd, 'experiment.json'), JSON.stringify(longExperiment(join(cwd, 'rollback-ran'))));
    const run = startCli(['run', 'experiment.json'], cwd);
    await until(() => (run.stderr().match(/with blocking network access control list/g) ?? []).length === 2);
    run.child.kill('SIGINT');
    const { code, stderr } = await run.done;
    expect(code).toBe(130);
    expect(stderr).toContain('Rollbacks not played (strategy default).');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    const journal = JSON.parse(readFileSync(join(cwd, 'journal.json'), 'utf8')) as Journal;
    expect(journal.rollbacks).toEqual([]);
  });
});
