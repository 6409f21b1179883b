import {
  DescribeInstancesCommand,
  DescribeNetworkAclsCommand,
  type EC2Client,
  type NetworkAcl,
} from '@aws-sdk/client-ec2';

/** Every network ACL in the region (moto has few; no pagination needed). */
export async function allAcls(ec2: EC2Client): Promise<NetworkAcl[]> {
  return (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? [];
}

/** The network ACLs chaosgarden (or the Python tool) created to block a zone. */
export async function blockingAcls(ec2: EC2Client): Promise<NetworkAcl[]> {
  return (await allAcls(ec2)).filter((acl) =>
    (acl.Tags ?? []).some((tag) => tag.Key?.startsWith('gardener.cloud/chaos/chaosgarden-block-')),
  );
}

/** Subnet id → the network ACL it is associated with now. */
export async function aclBySubnet(ec2: EC2Client): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const acl of await allAcls(ec2)) {
    for (const association of acl.Associations ?? []) {
      if (association.SubnetId && acl.NetworkAclId) {
        result.set(association.SubnetId, acl.NetworkAclId);
      }
    }
  }
  return result;
}

/** Instance id → state name. */
export async function instanceStates(ec2: EC2Client): Promise<Map<string, string>> {
  const response = await ec2.send(new DescribeInstancesCommand({}));
  const result = new Map<string, string>();
  for (const reservation of response.Reservations ?? []) {
    for (const instance of reservation.Instances ?? []) {
      result.set(instance.InstanceId ?? '', instance.State?.Name ?? '');
    }
  }
  return result;
}

/** The ACL's rules other than the catch-all `*` (rule 32767) that AWS and moto add themselves. */
export function explicitEntries(acl: NetworkAcl) {
  return (acl.Entries ?? [])
    .filter((entry) => entry.RuleNumber !== 32767)
    .map((entry) => ({
      egress: entry.Egress,
      cidr: entry.CidrBlock ?? entry.Ipv6CidrBlock,
      action: entry.RuleAction,
      rule: entry.RuleNumber,
      protocol: entry.Protocol,
    }))
    .sort((a, b) => Number(a.egress) - Number(b.egress) || (a.rule ?? 0) - (b.rule ?? 0));
}
