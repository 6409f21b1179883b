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
import {
  ec2ClientOptions,
  readSandboxConnection,
  resetMoto,
  type SandboxConnection,
} from '@chaosgarden/testkit';

/** The cluster tag the example experiments filter on. */
export const clusterTagKey = 'kubernetes.io/cluster/shoot--chaos--cli';

/** An EC2 filter list on the cluster tag, as a `--filter-…` flag takes it. */
export const tagFilter = JSON.stringify([{ Name: 'tag-key', Values: [clusterTagKey] }]);

/** `chaosgarden aws network` on us-east-1a with the cluster-tag filters, then `extra` flags. */
export function awsNetworkArgs(...extra: string[]): string[] {
  return [
    'aws',
    'network',
    '--zone',
    'us-east-1a',
    '--filter-vpcs',
    tagFilter,
    '--filter-subnets',
    tagFilter,
    ...extra,
  ];
}

export interface MotoFixture {
  ec2: EC2Client;
  sandbox: SandboxConnection;
  vpcId: string;
  /** Tagged subnets in us-east-1a (the zone the examples target) and one in us-east-1b. */
  subnetsInZone: string[];
  subnetElsewhere: string;
  /** Tagged instances in us-east-1a, one untagged there, one tagged in us-east-1b. */
  taggedInZone: string[];
  untaggedInZone: string;
  taggedElsewhere: string;
}

/** Resets moto and builds one tagged VPC with subnets and instances in two zones. */
export async function createMotoFixture(): Promise<MotoFixture> {
  const sandbox = readSandboxConnection();
  await resetMoto(sandbox);
  const ec2 = new EC2Client(ec2ClientOptions(sandbox));
  const tags = [{ Key: clusterTagKey, Value: '1' }];
  const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc?.VpcId ?? '';
  await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags: tags }));
  const subnet = async (cidr: string, zone: string) => {
    const id =
      (await ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone })))
        .Subnet?.SubnetId ?? '';
    await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: tags }));
    return id;
  };
  const subnetsInZone = [
    await subnet('10.9.1.0/24', 'us-east-1a'),
    await subnet('10.9.2.0/24', 'us-east-1a'),
  ];
  const subnetElsewhere = await subnet('10.9.3.0/24', 'us-east-1b');
  const image =
    (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images?.[0]?.ImageId ?? '';
  const instance = async (subnetId: string, tagged: boolean) => {
    const created = await ec2.send(
      new RunInstancesCommand({
        ImageId: image,
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnetId,
        TagSpecifications: tagged ? [{ ResourceType: 'instance', Tags: tags }] : [],
      }),
    );
    return created.Instances?.[0]?.InstanceId ?? '';
  };
  const taggedInZone = [
    await instance(subnetsInZone[0] ?? '', true),
    await instance(subnetsInZone[1] ?? '', true),
  ];
  const untaggedInZone = await instance(subnetsInZone[0] ?? '', false);
  const taggedElsewhere = await instance(subnetElsewhere, true);
  return {
    ec2,
    sandbox,
    vpcId,
    subnetsInZone,
    subnetElsewhere,
    taggedInZone,
    untaggedInZone,
    taggedElsewhere,
  };
}

/** Subnet id → id of the network ACL it is associated with. */
export async function aclOfSubnet(ec2: EC2Client): Promise<Map<string, string>> {
  const acls = (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? [];
  const result = new Map<string, string>();
  for (const acl of acls) {
    for (const association of acl.Associations ?? []) {
      if (association.SubnetId !== undefined) result.set(association.SubnetId, acl.NetworkAclId ?? '');
    }
  }
  return result;
}

/** Ids of the network ACLs carrying a chaosgarden blocking tag. */
export async function blockingAclIds(ec2: EC2Client): Promise<string[]> {
  const acls = (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? [];
  return acls
    .filter((acl) =>
      (acl.Tags ?? []).some((tag) => tag.Key?.startsWith('gardener.cloud/chaos/chaosgarden-block-')),
    )
    .map((acl) => acl.NetworkAclId ?? '');
}

/** Instance id → state name. */
export async function instanceStates(ec2: EC2Client): Promise<Map<string, string>> {
  const reservations = (await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? [];
  return new Map(
    reservations.flatMap((reservation) =>
      (reservation.Instances ?? []).map(
        (instance) => [instance.InstanceId ?? '', instance.State?.Name ?? ''] as const,
      ),
    ),
  );
}

/** An experiment's `configuration`: the region and, as `aws_filters`, the filters on the cluster tag. */
export const experimentConfiguration = {
  aws_region: 'us-east-1',
  aws_filters: {
    vpcs: [{ Name: 'tag-key', Values: [clusterTagKey] }],
    subnets: [{ Name: 'tag-key', Values: [clusterTagKey] }],
  },
};

/** A `chaosgarden.aws.actions` activity on zone us-east-1a with the experiment's `${aws_filters}`. */
export function awsZoneAction(name: string, func: string, extraArguments: Record<string, unknown> = {}) {
  return {
    type: 'action',
    name,
    provider: {
      type: 'python',
      module: 'chaosgarden.aws.actions',
      func,
      // biome-ignore lint/suspicious/noTemplateCurlyInString: experiment-file text, not a template.
      arguments: { zone: 'us-east-1a', filters: '${aws_filters}', ...extraArguments },
    },
  };
}
