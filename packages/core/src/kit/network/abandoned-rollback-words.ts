import type { PendingChange } from '../../ledger/pending-changes';

/** What a plugin tells `throwAbandonedRollback` about its changes and its roll-back command. */
export interface AbandonedRollbackWords {
  /**
   * One line per target or artefact a pending change still holds (`target: true`: still cut off, logged as
   * `Still blocked: …`; else `Still in place: …`); none for a change that goes with another (an ACL's
   * entries).
   */
  describeChange: (change: PendingChange) => { target: boolean; line: string }[];
  /** The `chaosgarden rollback` filters (`--filter-<key>`), as the simulation got them. */
  filters: Readonly<Record<string, unknown>>;
  /** Its non-secret settings (`--config name=value`). Never secrets. */
  configuration: Readonly<Record<string, string | undefined>>;
}
