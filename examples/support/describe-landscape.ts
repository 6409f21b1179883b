// Reads back what a user would check after the outage: which ACL each subnet is on, whether a
// blocking ACL is left, and which instances are still running.
import { DescribeInstancesCommand, DescribeNetworkAclsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { Logger } from '@chaosgarden/core';
import type { SandboxLandscape } from './sandbox-landscape.ts';

export async function describeLandscape(ec2: EC2Client, landscape: SandboxLandscape, logger: Logger) {
  const acls = await ec2.send(
    new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [landscape.vpcId] }] }),
  );
  const blocking = (acls.NetworkAcls ?? []).filter((acl) => !acl.IsDefault);
  const onDefault = (acls.NetworkAcls ?? [])
    .filter((acl) => acl.IsDefault)
    .flatMap((acl) => acl.Associations ?? [])
    .map((association) => association.SubnetId);
  for (const [zone, subnetId] of Object.entries(landscape.subnetIdsByZone)) {
    const state = onDefault.includes(subnetId) ? 'its original network ACL' : 'a BLOCKING network ACL';
    logger.info(`Subnet ${subnetId} (${zone}) is on ${state}.`);
  }
  logger.info(`Blocking network ACLs left behind: ${blocking.length}.`);
  const instances = await ec2.send(
    new DescribeInstancesCommand({ Filters: [{ Name: 'vpc-id', Values: [landscape.vpcId] }] }),
  );
  const byZone = new Map<string, string[]>();
  for (const instance of (instances.Reservations ?? []).flatMap(
    (reservation) => reservation.Instances ?? [],
  )) {
    const zone = instance.Placement?.AvailabilityZone ?? '?';
    byZone.set(zone, [...(byZone.get(zone) ?? []), instance.State?.Name ?? '?']);
  }
  for (const [zone, states] of [...byZone].sort()) logger.info(`Instances in ${zone}: ${states.join(', ')}.`);
}
