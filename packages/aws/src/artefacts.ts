import {
  checkFilterHash,
  checkNamePart,
  describeHolderRecord,
  encodeHolderJson,
  type HolderRecord,
  type PendingChange,
  parseHolderJson,
} from '@chaosgarden/core';

/*
 * What the AWS plugin writes onto the cloud, builder and parser side by side: the zone tag and the holder
 * tag of a blocking network ACL, the original associations it records, and the ledger's undo payloads.
 */

export interface AwsTag {
  Key: string;
  Value: string;
}

type TagList = readonly { Key?: string | undefined; Value?: string | undefined }[];

const blockTagPrefix = 'gardener.cloud/chaos/chaosgarden-block-';

/*
 * The names below are exactly the Python tool's (spec §1.8 and aws.md): a run and its roll-back find each
 * other, and the artefacts an older Python run left behind, only through these strings: never change them.
 */

/** AWS tag key (value `"1"`) on the blocking network ACL: `gardener.cloud/chaos/chaosgarden-block-<h>-<zone>`. */
export function awsBlockTagKey(hash: string, zone: string): string {
  return `${blockTagPrefix}${checkFilterHash(hash)}-${checkNamePart('zone', zone)}`;
}

/**
 * AWS tag on the blocking network ACL holding the associations it replaced, value
 * `subnet-aaa:acl-111;subnet-bbb:acl-222`.
 */
export const AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY = 'gardener.cloud/chaos/original-network-acl-associations';

/** The zone tag (value `1`) of a blocking ACL: `gardener.cloud/chaos/chaosgarden-block-<hash>-<zone>`. */
export function blockTag(hash: string, zone: string): AwsTag {
  return { Key: awsBlockTagKey(hash, zone), Value: '1' };
}

/** The hash (of the subnets filter) and zone of a zone tag key; undefined for any other key. */
export function parseBlockTagKey(key: string): { hash: string; zone: string } | undefined {
  const match = key.startsWith(blockTagPrefix)
    ? /^([0-9a-f]{16})-(.+)$/.exec(key.slice(blockTagPrefix.length))
    : null;
  return match === null ? undefined : { hash: match[1] as string, zone: match[2] as string };
}

/**
 * Our own tag on a blocking ACL naming the run that holds it (`encodeHolderJson`:
 * `{"run":"…","host":"…","pid":42,"until":"2026-…Z","ticket":3}`). The Python tool writes none: its ACLs
 * have no known holder.
 */
export const HOLDER_TAG_KEY = 'gardener.cloud/chaos/chaosgarden-holder';

export function holderTag(holder: HolderRecord): AwsTag {
  return { Key: HOLDER_TAG_KEY, Value: encodeHolderJson(holder) };
}

/** The holder recorded in an ACL's tags; undefined for the Python tool's ACLs (or an unreadable tag). */
export function holderOf(tags: TagList): HolderRecord | undefined {
  return parseHolderJson(tags.find((tag) => tag.Key === HOLDER_TAG_KEY)?.Value);
}

export function describeAclHolder(holder: HolderRecord | undefined): string {
  if (holder === undefined) {
    return 'a run without a holder tag (the Python chaosgarden tool, or a run that is over)';
  }
  return describeHolderRecord(holder);
}

/** A subnet and the network ACL it was associated with before it was blocked. */
export interface OriginalAssociation {
  subnetId: string;
  networkAclId: string;
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

/** How many subnets one blocking ACL can record next to its zone tag and holder tag (one tag each). */
export const MAX_SUBNETS_PER_BLOCKING_ACL = AWS_MAX_TAGS_PER_RESOURCE - 2;

/** The Python tool's packed value: `subnet-aaa:acl-111;subnet-bbb:acl-222`, in the given order. */
export function packOriginalAssociations(associations: readonly OriginalAssociation[]): string {
  return associations.map(({ subnetId, networkAclId }) => `${subnetId}:${networkAclId}`).join(';');
}

/**
 * The tags recording `associations`: the Python tool's single packed tag when its value fits into 256
 * characters (so the Python tool can roll back what we created), else one tag per subnet (the Python
 * tool's packed value would be refused by AWS past about five subnets).
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
export function decodeOriginalAssociations(tags: TagList): DecodedOriginalAssociations {
  const originals = new Map<string, string>();
  const problems: string[] = [];
  // The Python tool read the first tag with this key; there is never more than one.
  const packed = tags.find((tag) => tag.Key === AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY)?.Value ?? '';
  for (const pair of packed.split(';')) {
    if (pair.trim() === '') continue;
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
    if (!tag.Key?.startsWith(ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX)) continue;
    const subnetId = tag.Key.slice(ORIGINAL_ASSOCIATION_TAG_KEY_PREFIX.length);
    const networkAclId = tag.Value?.trim() ?? '';
    if (subnetId === '' || networkAclId === '') {
      problems.push(`Cannot read tag ${tag.Key}=${tag.Value ?? ''} (expected an ACL id as value).`);
      continue;
    }
    originals.set(subnetId, networkAclId);
  }
  return { originals, problems };
}

/**
 * The ledger's `undo` payloads (plain JSON, no secret): what `chaosgarden rollback` and `reconcile` read
 * to find a change without the original call's options.
 */
export type AwsUndo =
  /** A blocking ACL: found again by VPC and zone tag key (its id is known only after the call). */
  | {
      operation: 'DeleteNetworkAcl';
      findBy: { region: string; vpcId: string; tagKey: string };
      endpointUrl?: string;
    }
  /** A rule of a blocking ACL: goes with the ACL. */
  | { operation: 'DeleteNetworkAcl'; networkAclId: string }
  /** A subnet's move onto the blocking ACL: back to its original ACL. */
  | { operation: 'ReplaceNetworkAclAssociation'; subnetId: string; networkAclId: string };

/**
 * What a pending change of a network simulation still holds, for an abandoned roll-back: a subnet on the
 * blocking ACL (`target`), or the blocking ACL itself; nothing for an ACL's entries (they go with the ACL).
 */
export function describePendingChange(change: PendingChange): { target: boolean; line: string }[] {
  const { intent } = change;
  const unknown = change.done === undefined ? ', if the call was carried out' : '';
  if (intent.action === 'replace-network-acl-association') {
    const state = (intent.originalState ?? {}) as { subnetId?: string; networkAclId?: string };
    const subnetId = state.subnetId ?? intent.resources[0] ?? '?';
    return [
      {
        target: true,
        line: `${subnetId} (its original network ACL is ${state.networkAclId ?? 'unknown'}${unknown})`,
      },
    ];
  }
  if (intent.action === 'create-network-acl') {
    const [vpcId = '?', , aclId] = change.resources;
    return [
      {
        target: false,
        line: `${aclId ?? 'a blocking network ACL'} (blocking network ACL in ${vpcId}${unknown})`,
      },
    ];
  }
  return [];
}
