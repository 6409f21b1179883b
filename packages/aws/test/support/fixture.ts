import {
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { AwsFilters } from '../../src/index';
import type { MotoConnection } from './moto';

/** A test-side EC2 client, with no retries: what the tests use to build and read moto's state. */
export function testClient(connection: MotoConnection): EC2Client {
  return new EC2Client({
    region: connection.region,
    endpoint: connection.endpoint,
    credentials: { accessKeyId: connection.accessKeyId, secretAccessKey: connection.secretAccessKey },
    maxAttempts: 1,
  });
}

export const technicalId = 'shoot--chaos--fixture';
export const clusterTagKey = `kubernetes.io/cluster/${technicalId}`;

/** What garden's `fromShoot` produces for the fixture's cluster: one tag key selects everything. */
export function clusterFilters(): AwsFilters {
  const tag = () => [{ Name: 'tag-key', Values: [clusterTagKey] }];
  return { instances: tag(), vpcs: tag(), subnets: tag() };
}

export interface FixtureSubnet {
  id: string;
  vpcId: string;
  zone: string;
  /** Carries the cluster tag (matched by the subnets filter). */
  tagged: boolean;
}

export interface FixtureInstance {
  id: string;
  zone: string;
  tagged: boolean;
}

export interface Fixture {
  zones: [string, string, string];
  /** VPC A and B carry the cluster tag, C does not. */
  vpcs: { a: string; b: string; c: string };
  subnets: FixtureSubnet[];
  instances: FixtureInstance[];
}

/**
 * Three zones, VPCs A and B of the cluster and an unrelated VPC C. Zone 1 has 8 tagged subnets in A
 * (too many for the packed tag) plus an untagged one, and 3 in B (packed tag); zones 2 and 3 have a
 * few each; C has tagged subnets in zone 1 that must stay untouched. Instances: two tagged and one
 * untagged per zone in A, and one tagged in B's zone 1.
 */
export async function createFixture(
  ec2: EC2Client,
  region: string,
  options: { aSubnetsInZone1?: number } = {},
) {
  const zones: Fixture['zones'] = [`${region}a`, `${region}b`, `${region}c`];
  const [z1, z2, z3] = zones;
  const vpcs = {
    a: await vpc(ec2, '10.1.0.0/16', true),
    b: await vpc(ec2, '10.2.0.0/16', true),
    c: await vpc(ec2, '10.3.0.0/16', false),
  };
  const layout: [keyof typeof vpcs, string, number, boolean][] = [
    ['a', z1, options.aSubnetsInZone1 ?? 8, true],
    ['a', z1, 1, false],
    ['a', z2, 2, true],
    ['a', z3, 2, true],
    ['b', z1, 3, true],
    ['b', z2, 2, true],
    ['b', z3, 1, true],
    ['c', z1, 2, true],
  ];
  const subnets: FixtureSubnet[] = [];
  const counters = { a: 0, b: 0, c: 0 };
  for (const [name, zone, count, tagged] of layout) {
    for (let index = 0; index < count; index++) {
      const octet = counters[name]++;
      const cidr = `10.${name === 'a' ? 1 : name === 'b' ? 2 : 3}.${octet}.0/24`;
      subnets.push({
        id: await subnet(ec2, vpcs[name], zone, cidr, tagged),
        vpcId: vpcs[name],
        zone,
        tagged,
      });
    }
  }
  const image = await imageId(ec2);
  const instances: FixtureInstance[] = [];
  for (const zone of zones) {
    const home = subnets.find(
      (candidate) => candidate.vpcId === vpcs.a && candidate.zone === zone && candidate.tagged,
    );
    for (const tagged of [true, true, false]) {
      instances.push({ id: await instance(ec2, image, home?.id ?? '', tagged), zone, tagged });
    }
  }
  const inB = subnets.find((candidate) => candidate.vpcId === vpcs.b && candidate.zone === z1);
  instances.push({ id: await instance(ec2, image, inB?.id ?? '', true), zone: z1, tagged: true });
  return { zones, vpcs, subnets, instances } satisfies Fixture;
}

async function vpc(ec2: EC2Client, cidr: string, tagged: boolean): Promise<string> {
  const id = (await ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc?.VpcId ?? '';
  if (tagged) {
    await tag(ec2, id);
  }
  return id;
}

async function subnet(ec2: EC2Client, vpcId: string, zone: string, cidr: string, tagged: boolean) {
  const created = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }),
  );
  const id = created.Subnet?.SubnetId ?? '';
  if (tagged) {
    await tag(ec2, id);
  }
  return id;
}

async function instance(ec2: EC2Client, image: string, subnetId: string, tagged: boolean): Promise<string> {
  const tags = tagged
    ? [{ ResourceType: 'instance' as const, Tags: [{ Key: clusterTagKey, Value: '1' }] }]
    : [];
  const created = await ec2.send(
    new RunInstancesCommand({
      ImageId: image,
      MinCount: 1,
      MaxCount: 1,
      SubnetId: subnetId,
      TagSpecifications: tags,
    }),
  );
  return created.Instances?.[0]?.InstanceId ?? '';
}

async function tag(ec2: EC2Client, id: string): Promise<void> {
  await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: clusterTagKey, Value: '1' }] }));
}

async function imageId(ec2: EC2Client): Promise<string> {
  const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  return images.Images?.[0]?.ImageId ?? 'ami-03cf127a';
}
