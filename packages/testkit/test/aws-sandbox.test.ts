import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ec2ClientOptions, resetMoto } from '@chaosgarden/testkit';
import { beforeEach, describe, expect, inject, it } from 'vitest';

const sandbox = inject('chaosgardenSandbox');
const ec2 = new EC2Client(ec2ClientOptions(sandbox));
const zone = `${sandbox.awsRegion}a`;

beforeEach(async () => {
  await resetMoto(sandbox);
});

async function anyImageId(): Promise<string> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const imageId = Images[0]?.ImageId;
  if (!imageId) throw new Error('moto lists no Amazon images');
  return imageId;
}

describe('the sandbox EC2 (moto)', () => {
  it('creates a VPC, a subnet and an instance that @aws-sdk/client-ec2 reads back', async () => {
    const { Vpc } = await ec2.send(
      new CreateVpcCommand({
        CidrBlock: '10.42.0.0/16',
        TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'smoke' }] }],
      }),
    );
    const vpcId = Vpc?.VpcId ?? '';
    const { Subnet } = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.42.1.0/24', AvailabilityZone: zone }),
    );
    const subnetId = Subnet?.SubnetId ?? '';
    const { Instances = [] } = await ec2.send(
      new RunInstancesCommand({
        ImageId: await anyImageId(),
        InstanceType: 't3.micro',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'smoke' }] }],
      }),
    );
    const instanceId = Instances[0]?.InstanceId ?? '';
    expect(instanceId).toMatch(/^i-/);

    const vpcs = await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] }));
    expect(vpcs.Vpcs?.[0]).toMatchObject({
      CidrBlock: '10.42.0.0/16',
      Tags: [{ Key: 'Name', Value: 'smoke' }],
    });
    const subnets = await ec2.send(
      new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
    );
    expect(
      subnets.Subnets?.map((subnet) => [subnet.SubnetId, subnet.AvailabilityZone, subnet.CidrBlock]),
    ).toEqual([[subnetId, zone, '10.42.1.0/24']]);
    const reservations = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [
          { Name: 'vpc-id', Values: [vpcId] },
          { Name: 'availability-zone', Values: [zone] },
        ],
      }),
    );
    const instances = reservations.Reservations?.flatMap((reservation) => reservation.Instances ?? []) ?? [];
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatchObject({
      InstanceId: instanceId,
      SubnetId: subnetId,
      VpcId: vpcId,
      Placement: { AvailabilityZone: zone },
      State: { Name: 'running' },
      Tags: [{ Key: 'role', Value: 'smoke' }],
    });
  });

  it('forgets every resource after a reset', async () => {
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.43.0.0/16' }));
    await resetMoto(sandbox);
    await expect(ec2.send(new DescribeVpcsCommand({ VpcIds: [Vpc?.VpcId ?? ''] }))).rejects.toMatchObject({
      name: 'InvalidVpcID.NotFound',
    });
  });
});
