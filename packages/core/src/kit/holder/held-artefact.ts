import type { HolderRecord } from './holder-record';

/** One of a zone's blocking artefacts as the cloud lock sees it: its holder and where it is, in words. */
export interface HeldArtefact {
  /** Undefined for an artefact without a holder record (the Python tool's, an unreadable one). */
  readonly holder: HolderRecord | undefined;
  /** For messages: `blocking network ACL acl-1 in vpc-1, tag gardener.cloud/chaos/…`. */
  readonly where: string;
}
