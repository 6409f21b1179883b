import { InvalidArgumentError } from '../errors/invalid-argument-error';

/*
 * Names and tag keys of the blocking artefacts, exactly as the Python tool wrote them (spec §1.8 and the
 * provider files). A run and its roll-back find each other, and the artefacts an older Python run left
 * behind, only through these strings: never change them.
 */

/** AWS tag (value `"1"`) on the blocking network ACL: `gardener.cloud/chaos/chaosgarden-block-<h>-<zone>`. */
export function awsBlockTagKey(hash: string, zone: string): string {
  return `gardener.cloud/chaos/chaosgarden-block-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/**
 * AWS tag on the blocking network ACL holding the associations it replaced, value
 * `subnet-aaa:acl-111;subnet-bbb:acl-222`. Alibaba Cloud uses the same key (with a JSON value).
 */
export const AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY = 'gardener.cloud/chaos/original-network-acl-associations';

/** Azure blocking network security group: `chaosgarden-block-<h>-<region>-<zone>` (no mode in the name). */
export function azureBlockNsgName(hash: string, region: string, zone: string): string {
  return `chaosgarden-block-${checkHash(hash)}-${checkPart('region', region)}-${checkPart('zone', zone)}`;
}

/** Azure NIC tag holding the lower-cased id of the NSG the NIC had before (empty string for none). */
export const AZURE_ORIGINAL_NSG_TAG_KEY = 'gardener.cloud-chaos-original-network-security-group';

/** GCP deny firewall: `chaosgarden-block-<ingress|egress>-<h>-<zone>`. */
export function gcpBlockFirewallName(direction: 'ingress' | 'egress', hash: string, zone: string): string {
  if (direction !== 'ingress' && direction !== 'egress') {
    throw new InvalidArgumentError({
      argument: 'direction',
      message: `Firewall direction must be ingress or egress (was ${String(direction)}).`,
    });
  }
  return `chaosgarden-block-${direction}-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/** GCP network tag the deny firewalls target: `chaosgarden-block-tag-<h>-<zone>`. */
export function gcpBlockNetworkTag(hash: string, zone: string): string {
  return `chaosgarden-block-tag-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/** GCP `firewalls.list` filter (RE2) the roll-back uses to find the firewalls of every direction. */
export function gcpBlockFirewallListFilter(hash: string, zone: string): string {
  return `name eq chaosgarden-block-[^-]+-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/** OpenStack blocking security group: `chaosgarden-block-<h>-<zone>` (no mode in the name). */
export function openstackBlockSecurityGroupName(hash: string, zone: string): string {
  return `chaosgarden-block-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/** OpenStack server metadata key holding the `;`-joined names of the server's original security groups. */
export const OPENSTACK_ORIGINAL_SECURITY_GROUPS_METADATA_KEY = 'gardener.cloud-chaos-original-security-group';

/** vSphere NSX-T group id, display name and security policy id: `chaosgarden-block-<mode>-<h>-<zone>`. */
export function vsphereBlockName(mode: 'total' | 'ingress' | 'egress', hash: string, zone: string): string {
  return `chaosgarden-block-${checkMode(mode)}-${checkHash(hash)}-${checkPart('zone', zone)}`;
}

/** Alibaba Cloud blocking VPC network ACL: `block_acl_<mode>_for_<vpc id>` (keyed by VPC, not zone). */
export function alicloudBlockAclName(mode: 'total' | 'ingress' | 'egress', vpcId: string): string {
  return `block_acl_${checkMode(mode)}_for_${checkPart('vpcId', vpcId)}`;
}

/** Alibaba Cloud tag keys on the blocking ACL (mode and VPC), and the "no ACL" marker in its bindings. */
export const ALICLOUD_MODE_TAG_KEY = 'gardener.cloud/chaos/mode';
export const ALICLOUD_VPC_TAG_KEY = 'gardener.cloud/chaos/vpc';
export const ALICLOUD_NO_ACL_MARKER = '_NA_';

// A name built from an unhashed filter or an empty zone would never match the Python tool's artefacts,
// and a roll-back would silently find nothing: fail loudly instead.
function checkHash(hash: string): string {
  if (typeof hash !== 'string' || !/^[0-9a-f]{16}$/.test(hash)) {
    throw new InvalidArgumentError({
      argument: 'hash',
      message: `Expected a 16-character lower-case hex filter hash (from filterHash), got ${JSON.stringify(hash)}.`,
    });
  }
  return hash;
}

function checkPart(argument: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError({ argument, message: `${argument} must be a non-empty string.` });
  }
  return value;
}

function checkMode(mode: string): string {
  if (mode !== 'total' && mode !== 'ingress' && mode !== 'egress') {
    throw new InvalidArgumentError({
      argument: 'mode',
      message: `Mode ${String(mode)} unsupported (supported modes are ['total', 'ingress', 'egress'])!`,
    });
  }
  return mode;
}
