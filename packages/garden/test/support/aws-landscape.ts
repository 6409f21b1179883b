// The cloud side of the fixture shoot on moto: a VPC tagged for the cluster with a tagged subnet and one
// instance per zone. Reads back which subnets sit on a blocking network ACL.
import {
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ec2ClientOptions, type SandboxConnection } from '@chaosgarden/testkit';

export interface AwsLandscape {
  ec2: EC2Client;
  vpcId: string;
  subnetIdsByZone: Record<string, string>;
}

export async function createAwsLandscape(
  connection: SandboxConnection,
  technicalId: string,
  zones: readonly string[],
): Promise<AwsLandscape> {
  const ec2 = new EC2Client(ec2ClientOptions(connection));
  const tags = [{ Key: `kubernetes.io/cluster/${technicalId}`, Value: '1' }];
  const second = 100 + Math.floor(Math.random() * 100);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${second}.0.0/16` }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: tags }));
  const image = await ec2.send(new DescribeImagesCommand({}));
  const imageId = image.Images?.[0]?.ImageId ?? 'ami-12c6146b';
  const subnetIdsByZone: Record<string, string> = {};
  for (const [index, zone] of zones.entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.${second}.${index}.0/24`,
        AvailabilityZone: zone,
      }),
    );
    const subnetId = subnet.Subnet?.SubnetId ?? '';
    subnetIdsByZone[zone] = subnetId;
    await ec2.send(new CreateTagsCommand({ Resources: [subnetId], Tags: tags }));
    await ec2.send(
      new RunInstancesCommand({
        ImageId: imageId,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
      }),
    );
  }
  return { ec2, vpcId, subnetIdsByZone };
}

/** The zones whose subnet is associated with a non-default (blocking) ACL, and how many such ACLs exist. */
export async function blockedZones(
  landscape: AwsLandscape,
): Promise<{ zones: string[]; blockingAcls: number }> {
  const acls = await landscape.ec2.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [landscape.vpcId] }] }),
  );
  const blocking = (acls.NetworkAcls ?? []).filter((acl) => !acl.IsDefault);
  const blockedSubnets = new Set(
    blocking.flatMap((acl) => acl.Associations ?? []).map((association) => association.SubnetId),
  );
  const zones = Object.entries(landscape.subnetIdsByZone)
    .filter(([, subnetId]) => blockedSubnets.has(subnetId))
    .map(([zone]) => zone)
    .sort();
  return { zones, blockingAcls: blocking.length };
}

/** Instance states by zone, e.g. `{ 'us-east-1a': ['running'] }`. */
export async function instanceStates(landscape: AwsLandscape): Promise<Record<string, string[]>> {
  const answer = await landscape.ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'vpc-id', Values: [landscape.vpcId] }] }),
  );
  const states: Record<string, string[]> = {};
  for (const instance of (answer.Reservations ?? []).flatMap((reservation) => reservation.Instances ?? [])) {
    const zone = instance.Placement?.AvailabilityZone ?? '?';
    states[zone] = [...(states[zone] ?? []), instance.State?.Name ?? '?'];
  }
  return states;
}
