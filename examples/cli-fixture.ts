// Creates, on the running sandbox's moto, what the example experiment files in examples/experiments/
// target: a VPC, a subnet per zone and two worker instances per zone, tagged
// `kubernetes.io/cluster/shoot--chaos--cli`. Does nothing when that VPC exists already.
// Run: npm run example:fixture   (after `npm run sandbox -- up`)
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { ec2ClientOptions, readSandboxConnection } from '@chaosgarden/testkit';
import { createSandboxLandscape } from './support/sandbox-landscape.ts';

const technicalId = 'shoot--chaos--cli';
const sandbox = readSandboxConnection();
const ec2 = new EC2Client(ec2ClientOptions(sandbox));
try {
  const clusterTag = `kubernetes.io/cluster/${technicalId}`;
  const existing = await ec2.send(
    new DescribeVpcsCommand({ Filters: [{ Name: 'tag-key', Values: [clusterTag] }] }),
  );
  const vpcId = existing.Vpcs?.[0]?.VpcId;
  if (vpcId !== undefined) {
    process.stderr.write(`The example landscape is there already: ${vpcId}, tagged ${clusterTag}.\n`);
  } else {
    const landscape = await createSandboxLandscape(ec2, { technicalId, zones: sandbox.zones });
    const subnets = Object.entries(landscape.subnetIdsByZone).map(([zone, id]) => `${id} in ${zone}`);
    process.stderr.write(
      `Created ${landscape.vpcId} tagged ${clusterTag}, subnets ${subnets.join(', ')}, two instances each.\n`,
    );
  }
} finally {
  ec2.destroy();
}
