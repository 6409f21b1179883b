import { afterEach, describe, expect, it } from 'vitest';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  instanceStates,
  type MotoFixture,
  tagFilter,
} from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

describe('direct commands generated from the AWS descriptor', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  it('aws network blocks the zone for the duration, rolls back and prints the result as JSON', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const { code, stdout, stderr } = await startCli(
      awsNetworkArgs('--duration', '2', '--yes'),
      scratchDirectory(),
    ).done;
    expect(stderr).toMatch(/\[Info\] \d+ resource\(s\) in zone us-east-1a would be affected\./);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { mode: string; blocked: { id: string }[]; reason: string };
    expect(result.mode).toBe('total');
    expect(result.reason).toBe('time-up');
    expect(result.blocked.map((target) => target.id).sort()).toEqual([...fixture.subnetsInZone].sort());
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);
  });

  it('refuses to change anything without a terminal to confirm on, unless --yes', async () => {
    fixture = await createMotoFixture();
    const args = ['aws', 'compute', '--zone', 'us-east-1a', '--filter-instances', tagFilter];
    const refused = await startCli(args, scratchDirectory()).done;
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Pass --yes to confirm in advance.');
    expect([...(await instanceStates(fixture.ec2)).values()].every((state) => state === 'running')).toBe(
      true,
    );

    const confirmed = await startCli([...args, '--yes'], scratchDirectory()).done;
    expect(confirmed.code).toBe(0);
    const states = await instanceStates(fixture.ec2);
    for (const id of fixture.taggedInZone) expect(['shutting-down', 'terminated']).toContain(states.get(id));
    expect(states.get(fixture.taggedElsewhere)).toBe('running');
  });

  it('rejects a mode the descriptor does not list, with exit code 2', async () => {
    const { code, stdout } = await startCli(
      ['aws', 'network', '--zone', 'us-east-1a', '--mode', 'sideways'],
      scratchDirectory(),
    ).done;
    expect(code).toBe(2);
    expect(stdout).toContain('Allowed choices are total, ingress, egress.');
  });
});
