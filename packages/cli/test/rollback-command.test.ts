import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPendingRuns } from '@chaosgarden/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  type MotoFixture,
  tagFilter,
} from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

interface Report {
  provider: string;
  found: { id: string; zone: string; details: { foundBy: string[] } }[];
  removed: { id: string }[];
  wouldRestore: { id: string }[];
  leftovers: string[];
  verified: string[];
}

describe('chaosgarden rollback', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  /** A partition whose process was killed with SIGKILL: blocking ACL in moto, intents in the ledger. */
  async function killedPartition(cwd: string) {
    const run = startCli(awsNetworkArgs('--duration', '-1', '--yes'), cwd);
    let ended = false;
    void run.done.then(() => {
      ended = true;
    });
    const ec2 = (fixture as MotoFixture).ec2;
    const subnets = (fixture as MotoFixture).subnetsInZone;
    const blocking = async () => {
      const acls = new Set(await blockingAclIds(ec2));
      const now = await aclOfSubnet(ec2);
      return subnets.every((subnet) => acls.has(now.get(subnet) ?? ''));
    };
    const deadline = Date.now() + 30_000;
    while (!(await blocking())) {
      if (ended || Date.now() > deadline) throw new Error(`The partition did not happen: ${run.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run.child.kill('SIGKILL');
    await run.done;
  }

  it('lists in a dry run, narrows by zone, finds by tag alone without a ledger, then settles the ledger', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    await killedPartition(cwd);
    const partitioned = await aclOfSubnet(fixture.ec2);

    const dry = await startCli(['rollback', '--dry-run'], cwd).done;
    expect(dry.code, dry.stderr).toBe(0);
    const [dryReport] = JSON.parse(dry.stdout) as Report[];
    expect(dryReport?.found.map((target) => target.zone)).toEqual(['us-east-1a']);
    expect(dryReport?.removed).toEqual([]);
    expect(dryReport?.wouldRestore.map((target) => target.id).sort()).toEqual(
      [...(fixture?.subnetsInZone ?? [])].sort(),
    );
    expect(dry.stderr).toContain(
      'Dry run: would restore 2 subnet(s) and remove 1 network-acl(s) (aws); nothing was changed.',
    );
    expect(await aclOfSubnet(fixture.ec2)).toEqual(partitioned);

    const otherZone = await startCli(['rollback', '--zone', 'us-east-1b'], cwd).done;
    expect(otherZone.code, otherZone.stderr).toBe(0);
    expect(await aclOfSubnet(fixture.ec2)).toEqual(partitioned);

    // Another machine, without this ledger: the ownership tag alone finds the partition.
    const elsewhere = mkdtempSync(join(tmpdir(), 'chaosgarden-elsewhere-'));
    const byTag = await startCli(
      [
        'rollback',
        '--provider',
        'aws',
        '--config',
        'awsRegion=us-east-1',
        '--zone',
        'us-east-1a',
        '--state-dir',
        elsewhere,
      ],
      cwd,
    ).done;
    expect(byTag.code, byTag.stderr).toBe(0);
    const [tagReport] = JSON.parse(byTag.stdout) as Report[];
    expect(tagReport?.found.map((target) => target.details.foundBy)).toEqual([['tag']]);
    expect(tagReport?.leftovers).toEqual([]);
    expect(tagReport?.verified).toContainEqual('2 of 2 subnet(s) on their original network ACLs');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);

    // The first machine's ledger still lists the run; reconcile finds nothing left and settles it.
    expect((await findPendingRuns({ directory: join(cwd, 'state') })).runs).not.toEqual([]);
    const settle = await startCli(['rollback'], cwd).done;
    expect(settle.code, settle.stderr).toBe(0);
    expect(settle.stderr).toContain('Nothing left behind.');
    expect((await findPendingRuns({ directory: join(cwd, 'state') })).runs).toEqual([]);
  });

  it('settles a killed compute run, whose terminations cannot be undone, and says so', async () => {
    fixture = await createMotoFixture();
    const cwd = scratchDirectory();
    const state = join(cwd, 'state');
    const run = startCli(
      [
        'aws',
        'compute',
        '--zone',
        'us-east-1a',
        '--filter-instances',
        tagFilter,
        '--duration',
        '-1',
        '--yes',
      ],
      cwd,
    );
    const deadline = Date.now() + 30_000;
    while ((await findPendingRuns({ directory: state })).runs.length === 0) {
      if (Date.now() > deadline) throw new Error(`No termination was recorded: ${run.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    run.child.kill('SIGKILL');
    await run.done;

    const settle = await startCli(['rollback'], cwd).done;

    expect(settle.code, settle.stderr).toBe(0);
    expect(settle.stderr).toMatch(
      /Run \S+ \(zone us-east-1a\): terminate-instances cannot be undone; marked as settled\./,
    );
    expect((await findPendingRuns({ directory: state })).runs).toEqual([]);
  });

  it('refuses filters without a provider before doing anything (exit 2)', async () => {
    const result = await startCli(['rollback', '--filter-vpcs', tagFilter], scratchDirectory()).done;
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('name it with --provider');
  });
});
