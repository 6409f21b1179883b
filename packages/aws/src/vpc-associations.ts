import type { NetworkAcl, NetworkAclAssociation } from '@aws-sdk/client-ec2';
import type { Ec2Api } from './ec2-api';
import { filterChunks } from './filter-chunks';

/** A subnet's network ACL association with every id known. */
export type KnownAssociation = Required<
  Pick<NetworkAclAssociation, 'NetworkAclAssociationId' | 'NetworkAclId' | 'SubnetId'>
>;

/** Every network ACL of some VPCs, and which ACL each of their subnets is associated with. */
export interface VpcAssociations {
  acls: NetworkAcl[];
  /** Subnet id → its association (a subnet has exactly one). */
  bySubnet: Map<string, KnownAssociation>;
}

/**
 * Lists the network ACLs of the VPCs (one call per 100 VPCs) and reads the subnets' associations from
 * them. Asked by `vpc-id`, never by `association.subnet-id` with several values: moto matches such a
 * filter only when an ACL's subnets are a subset or a superset of the values, so an ACL shared with
 * other zones' subnets would be missed (and with it the association).
 */
export async function vpcAssociations(api: Ec2Api, vpcIds: readonly string[]): Promise<VpcAssociations> {
  const acls: NetworkAcl[] = [];
  for (const chunk of filterChunks(vpcIds)) {
    acls.push(...(await api.describeNetworkAcls([{ Name: 'vpc-id', Values: chunk }])));
  }
  const bySubnet = new Map<string, KnownAssociation>();
  for (const acl of acls) {
    for (const { SubnetId, NetworkAclAssociationId, NetworkAclId } of acl.Associations ?? []) {
      if (SubnetId && NetworkAclAssociationId && NetworkAclId) {
        bySubnet.set(SubnetId, { SubnetId, NetworkAclAssociationId, NetworkAclId });
      }
    }
  }
  return { acls, bySubnet };
}
