export {
  ALICLOUD_MODE_TAG_KEY,
  ALICLOUD_NO_ACL_MARKER,
  ALICLOUD_VPC_TAG_KEY,
  AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY,
  AZURE_ORIGINAL_NSG_TAG_KEY,
  alicloudBlockAclName,
  awsBlockTagKey,
  azureBlockNsgName,
  gcpBlockFirewallListFilter,
  gcpBlockFirewallName,
  gcpBlockNetworkTag,
  OPENSTACK_ORIGINAL_SECURITY_GROUPS_METADATA_KEY,
  openstackBlockSecurityGroupName,
  vsphereBlockName,
} from './artefact-names';
export { filterHash } from './filter-hash';
export type { OrderedJsonValue } from './parse-json-preserving-order';
export { parseJsonPreservingOrder } from './parse-json-preserving-order';
export { PythonFloat } from './python-float';
export { pythonRepr, pythonStr } from './python-repr';
export { toPlainJson } from './to-plain-json';
