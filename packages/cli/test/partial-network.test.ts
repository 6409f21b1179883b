import { DescribeNetworkAclsCommand } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
// The AWS tests' rule-based proxy: it can refuse one subnet's move, which the random fault proxy cannot.
import { type FaultProxy, startFaultProxy } from '../../aws/test/support/fault-proxy';
import {
  aclOfSubnet,
  awsNetworkArgs,
  blockingAclIds,
  createMotoFixture,
  type MotoFixture,
} from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

describe('chaosgarden aws network when a planned subnet cannot be blocked (moto)', () => {
  let fixture: MotoFixture | undefined;
  let proxy: FaultProxy | undefined;
  afterEach(async () => {
    fixture?.ec2.destroy();
    await proxy?.close();
  });

  /** A proxy in front of moto that refuses to move the zone's first subnet, as an IAM condition would. */
  async function refuseFirstSubnet(moto: MotoFixture): Promise<FaultProxy> {
    const stuck = moto.subnetsInZone[0] ?? '';
    const acls = await moto.ec2.send(new DescribeNetworkAclsCommand({}));
    const association = acls.NetworkAcls?.flatMap((acl) => acl.Associations ?? []).find(
      (candidate) => candidate.SubnetId === stuck,
    );
    const started = await startFaultProxy(moto.sandbox.awsEndpoint);
    started.inject({
      action: 'ReplaceNetworkAclAssociation',
      bodyIncludes: association?.NetworkAclAssociationId ?? 'missing',
      times: 1000,
      status: 403,
      code: 'UnauthorizedOperation',
    });
    return started;
  }

  it('rolls back and exits 1, naming the subnet; with --allow-partial it runs and exits 0 with status partial', async () => {
    fixture = await createMotoFixture();
    proxy = await refuseFirstSubnet(fixture);
    const original = await aclOfSubnet(fixture.ec2);
    const [stuck, other] = fixture.subnetsInZone;
    const env = { AWS_ENDPOINT_URL_EC2: proxy.url, AWS_ENDPOINT_URL: proxy.url };

    const refused = await startCli(awsNetworkArgs('--duration', '1', '--yes'), scratchDirectory(), env).done;
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `${stuck} (VPC ${fixture.vpcId}) was planned for blocking but is not blocked`,
    );
    expect(refused.stderr).toMatch(
      /Partial simulation in zone us-east-1a: 1 of 2 planned subnets were not blocked/,
    );
    expect(refused.stderr).toContain('--allow-partial');
    expect(refused.stdout).toBe('');
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);

    const accepted = await startCli(
      awsNetworkArgs('--duration', '1', '--yes', '--allow-partial'),
      scratchDirectory(),
      env,
    ).done;
    expect(accepted.code).toBe(0);
    const result = JSON.parse(accepted.stdout) as {
      status: string;
      blocked: { id: string }[];
      warnings: string[];
    };
    expect(result.status).toBe('partial');
    expect(result.blocked.map((target) => target.id)).toEqual([other]);
    expect(result.warnings.join('\n')).toContain(`${stuck} (VPC ${fixture.vpcId}) was planned for blocking`);
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);
  });
});
