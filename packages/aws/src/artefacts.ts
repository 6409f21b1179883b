import { checkFilterHash, checkNamePart } from '@chaosgarden/core';

/*
 * The names of AWS's blocking artefacts, exactly as the Python tool wrote them (spec §1.8 and aws.md). A run
 * and its roll-back find each other, and the artefacts an older Python run left behind, only through these
 * strings: never change them.
 */

/** AWS tag (value `"1"`) on the blocking network ACL: `gardener.cloud/chaos/chaosgarden-block-<h>-<zone>`. */
export function awsBlockTagKey(hash: string, zone: string): string {
  return `gardener.cloud/chaos/chaosgarden-block-${checkFilterHash(hash)}-${checkNamePart('zone', zone)}`;
}

/**
 * AWS tag on the blocking network ACL holding the associations it replaced, value
 * `subnet-aaa:acl-111;subnet-bbb:acl-222`.
 */
export const AWS_ORIGINAL_ASSOCIATIONS_TAG_KEY = 'gardener.cloud/chaos/original-network-acl-associations';
