import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import {
  ALICLOUD_MODE_TAG_KEY,
  ALICLOUD_NO_ACL_MARKER,
  ALICLOUD_VPC_TAG_KEY,
  AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY,
  AZURE_ORIGINAL_NSG_TAG_KEY,
  alicloudBlockAclName,
  gcpBlockFirewallName,
  OPENSTACK_ORIGINAL_SECURITY_GROUPS_METADATA_KEY,
  vsphereBlockName,
} from './artefact-names';

describe('artefact tag keys', () => {
  it('keep the exact keys the Python tool wrote', () => {
    expect(AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY).toBe('gardener.cloud/chaos/original-network-acl-associations');
    expect(AZURE_ORIGINAL_NSG_TAG_KEY).toBe('gardener.cloud-chaos-original-network-security-group');
    expect(OPENSTACK_ORIGINAL_SECURITY_GROUPS_METADATA_KEY).toBe(
      'gardener.cloud-chaos-original-security-group',
    );
    expect(ALICLOUD_MODE_TAG_KEY).toBe('gardener.cloud/chaos/mode');
    expect(ALICLOUD_VPC_TAG_KEY).toBe('gardener.cloud/chaos/vpc');
    expect(ALICLOUD_NO_ACL_MARKER).toBe('_NA_');
  });

  it('names the Alibaba Cloud blocking ACL after mode and VPC', () => {
    expect(alicloudBlockAclName('ingress', 'vpc-123')).toBe('block_acl_ingress_for_vpc-123');
  });

  it('rejects a mode or direction outside the supported ones', () => {
    expect(() => vsphereBlockName('Total' as 'total', '0123456789abcdef', 'zone-a')).toThrow(
      InvalidArgumentError,
    );
    expect(() => gcpBlockFirewallName('total' as 'ingress', '0123456789abcdef', 'z')).toThrow(
      /ingress or egress/,
    );
  });
});
