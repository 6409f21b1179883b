import { AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY } from './artefacts';

/** A subnet and the network ACL it was associated with before it was blocked. */
export interface OriginalAssociation {
  subnetId: string;
  networkAclId: string;
}

export interface AwsTag {
  Key: string;
  Value: string;
}

/**
 * Prefix of the per-subnet tags written instead of the packed one when that would exceed AWS's limit:
 * `gardener.cloud/chaos/original-network-acl-association/<subnet id>` = `<original acl id>`.
 */
export const ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX = 'gardener.cloud/chaos/original-network-acl-association/';

/** AWS limits (EC2 tag restrictions). moto does not enforce them, so the encoder does. */
export const AWS_TAG_VALUE_MAX_LENGTH = 256;
export const AWS_TAG_KEY_MAX_LENGTH = 128;
export const AWS_MAX_TAGS_PER_RESOURCE = 50;

/**
 * How many subnets one blocking ACL can record next to its zone tag and holder tag: one tag per
 * subnet once the packed value is too long.
 */
export const MAX_SUBNETS_PER_BLOCKING_ACL = AWS_MAX_TAGS_PER_RESOURCE - 2;

/** The Python tool's packed value: `subnet-aaa:acl-111;subnet-bbb:acl-222`, in the given order. */
export function packOriginalAssociations(associations: readonly OriginalAssociation[]): string {
  return associations.map(({ subnetId, networkAclId }) => `${subnetId}:${networkAclId}`).join(';');
}

/**
 * The tags recording `associations`: the Python tool's single packed tag when its value fits into
 * 256 characters (so the Python tool can roll back what we created), else one tag per subnet (the
 * Python tool's packed value would be refused by AWS past about five subnets).
 *
 * @throws RangeError for more subnets than `MAX_SUBNETS_PER_BLOCKING_ACL`; callers check that first.
 */
export function encodeOriginalAssociations(associations: readonly OriginalAssociation[]): AwsTag[] {
  const packed = packOriginalAssociations(associations);
  if (packed.length <= AWS_TAG_VALUE_MAX_LENGTH) {
    return [{ Key: AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY, Value: packed }];
  }
  if (associations.length > MAX_SUBNETS_PER_BLOCKING_ACL) {
    throw new RangeError(
      `Cannot record ${associations.length} subnets on one network ACL (at most ${MAX_SUBNETS_PER_BLOCKING_ACL}).`,
    );
  }
  return associations.map(({ subnetId, networkAclId }) => {
    const tag = { Key: `${ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX}${subnetId}`, Value: networkAclId };
    if (tag.Key.length > AWS_TAG_KEY_MAX_LENGTH || tag.Value.length > AWS_TAG_VALUE_MAX_LENGTH) {
      throw new RangeError(`The subnet id ${subnetId} or ACL id ${networkAclId} is too long for an AWS tag.`);
    }
    return tag;
  });
}

export interface DecodedOriginalAssociations {
  /** Subnet id → original network ACL id, from the packed tag and the per-subnet tags. */
  originals: Map<string, string>;
  /** Entries that could not be read, as sentences; the subnets they concerned are not in `originals`. */
  problems: string[];
}

/**
 * Reads both forms from a blocking ACL's tags. Tolerates what the Python tool wrote for a zone without
 * subnets (an empty value, which made its own roll-back crash) and skips malformed pairs with a problem
 * report instead of aborting the whole roll-back.
 */
export function decodeOriginalAssociations(
  tags: readonly { Key?: string | undefined; Value?: string | undefined }[],
): DecodedOriginalAssociations {
  const originals = new Map<string, string>();
  const problems: string[] = [];
  // The Python tool read the first tag with this key; there is never more than one.
  const packed = tags.find((tag) => tag.Key === AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY)?.Value ?? '';
  for (const pair of packed.split(';')) {
    if (pair.trim() === '') {
      continue;
    }
    const parts = pair.split(':');
    const [subnetId, networkAclId] = parts.map((part) => part.trim());
    if (parts.length !== 2 || !subnetId || !networkAclId) {
      problems.push(
        `Cannot read '${pair}' in tag ${AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY} (expected subnet:acl).`,
      );
      continue;
    }
    originals.set(subnetId, networkAclId);
  }
  for (const tag of tags) {
    if (tag.Key?.startsWith(ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX)) {
      const subnetId = tag.Key.slice(ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX.length);
      const networkAclId = tag.Value?.trim() ?? '';
      if (subnetId === '' || networkAclId === '') {
        problems.push(`Cannot read tag ${tag.Key}=${tag.Value ?? ''} (expected an ACL id as value).`);
        continue;
      }
      originals.set(subnetId, networkAclId);
    }
  }
  return { originals, problems };
}
