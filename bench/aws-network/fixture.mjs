// The bench's fixture on moto: `vpcCount` VPCs with `subnetsPerVpc` subnets each in one zone, all tagged
// with the run's own cluster tag key (the bench shares moto with the sandbox's other users, so it neither
// resets moto nor touches anything but its own VPCs, which it deletes at the end).

export const vpcCount = 3;
export const subnetsPerVpc = 6;

/** Creates the VPCs and subnets, filling `created` as it goes (so that a failure still cleans up). */
export async function createFixture({ ec2, sdk, tagKey, zone, created }) {
  const tags = [{ Key: tagKey, Value: '1' }];
  for (let vpcIndex = 0; vpcIndex < vpcCount; vpcIndex += 1) {
    const vpc = await ec2.send(new sdk.CreateVpcCommand({ CidrBlock: `10.${vpcIndex + 10}.0.0/16` }));
    created.vpcs.push(vpc.Vpc.VpcId);
    await ec2.send(new sdk.CreateTagsCommand({ Resources: [vpc.Vpc.VpcId], Tags: tags }));
    for (let index = 0; index < subnetsPerVpc; index += 1) {
      const subnet = await ec2.send(
        new sdk.CreateSubnetCommand({
          VpcId: vpc.Vpc.VpcId,
          CidrBlock: `10.${vpcIndex + 10}.${index}.0/24`,
          AvailabilityZone: zone,
        }),
      );
      created.subnets.push(subnet.Subnet.SubnetId);
      await ec2.send(new sdk.CreateTagsCommand({ Resources: [subnet.Subnet.SubnetId], Tags: tags }));
    }
  }
}

export async function deleteFixture({ ec2, sdk, created }) {
  for (const SubnetId of created.subnets) {
    await ec2.send(new sdk.DeleteSubnetCommand({ SubnetId }));
  }
  for (const VpcId of created.vpcs) {
    await ec2.send(new sdk.DeleteVpcCommand({ VpcId }));
  }
}

/** Subnet id → the id of the network ACL it is associated with, in the fixture's VPCs. */
export async function aclBySubnet({ ec2, sdk, created }) {
  const Filters = [{ Name: 'vpc-id', Values: created.vpcs }];
  const acls = (await ec2.send(new sdk.DescribeNetworkAclsCommand({ Filters }))).NetworkAcls ?? [];
  return new Map(
    acls.flatMap((acl) =>
      (acl.Associations ?? []).map((association) => [association.SubnetId, acl.NetworkAclId]),
    ),
  );
}

/** @throws when a subnet is not back on the ACL it had in `before`. */
export async function assertRestored(fixture, before) {
  const now = await aclBySubnet(fixture);
  for (const [subnet, acl] of before) {
    if (now.get(subnet) !== acl) {
      throw new Error(`${subnet} is on ${now.get(subnet)}, not back on ${acl}`);
    }
  }
}
