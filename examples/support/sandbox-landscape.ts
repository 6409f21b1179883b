// Builds, on the sandbox's moto, what a Gardener shoot on AWS looks like from the cloud's side: one
// VPC tagged for the cluster, a subnet per zone, a few worker instances per zone, and an unrelated
// VPC that must come through untouched.
import {
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  type EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';

export interface SandboxLandscape {
  clusterTag: string;
  vpcId: string;
  otherVpcId: string;
  subnetIdsByZone: Record<string, string>;
}

export async function createSandboxLandscape(
  client: EC2Client,
  { technicalId, zones }: { technicalId: string; zones: readonly string[] },
): Promise<SandboxLandscape> {
  const clusterTag = `kubernetes.io/cluster/${technicalId}`;
  const tags = [{ Key: clusterTag, Value: '1' }];
  const vpc = await client.send(new CreateVpcCommand({ CidrBlock: '10.180.0.0/16' }));
  const other = await client.send(new CreateVpcCommand({ CidrBlock: '10.181.0.0/16' }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  await client.send(new CreateTagsCommand({ Resources: [vpcId], Tags: tags }));
  const image = await client.send(new DescribeImagesCommand({}));
  const imageId = image.Images?.[0]?.ImageId ?? 'ami-12c6146b';
  const subnetIdsByZone: Record<string, string> = {};
  for (const [index, zone] of zones.entries()) {
    const subnet = await client.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.180.${index}.0/24`, AvailabilityZone: zone }),
    );
    const subnetId = subnet.Subnet?.SubnetId ?? '';
    subnetIdsByZone[zone] = subnetId;
    await client.send(new CreateTagsCommand({ Resources: [subnetId], Tags: tags }));
    await client.send(
      new RunInstancesCommand({
        ImageId: imageId,
        MinCount: 2,
        MaxCount: 2,
        SubnetId: subnetId,
        TagSpecifications: [{ ResourceType: 'instance', Tags: tags }],
      }),
    );
  }
  return { clusterTag, vpcId, otherVpcId: other.Vpc?.VpcId ?? '', subnetIdsByZone };
}
