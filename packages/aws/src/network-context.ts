import {
  type BlockReadBack,
  type ChangeRecorder,
  type HolderScope,
  type LedgerEntry,
  type Logger,
  pythonRepr,
  type RollbackLedger,
} from '@chaosgarden/core';
import { providerId } from './provider-id';

/** What the blocking and roll-back steps of one public call share. */
export interface NetworkContext extends ChangeRecorder {
  zone: string;
  /** `gardener.cloud/chaos/chaosgarden-block-<hash of the subnets filter>-<zone>`. */
  tagKey: string;
  logger: Logger;
  ledger: RollbackLedger;
  /** The EC2 endpoint when not AWS itself (moto, a compatible cloud), recorded for reconcile. */
  endpointUrl?: string | undefined;
  /**
   * Subnet → original ACL as the ledgers recorded it (reconcile only): used when the blocking ACL's
   * tags no longer say, before falling back to the VPC's default ACL.
   */
  ledgerOriginals?: ReadonlyMap<string, string>;
  /**
   * A simulation's: its roll-backs touch only its own, provably dead and (with `rollbackLeftovers`)
   * untagged blocking ACLs (`holderRole`). Absent for the explicit roll-back, which undoes every holder's.
   */
  rollbackScope?: HolderScope;
  /** This call's own changes that are still in effect, so that the roll-back can mark them undone. */
  intents: {
    /** Blocking ACL id → its `create-network-acl` intent. */
    acls: Map<string, LedgerEntry>;
    /** Subnet id → its `replace-network-acl-association` intent. */
    associations: Map<string, LedgerEntry>;
  };
  /** Subnet id → why its move onto the blocking ACL failed; the read-back after blocking names them. */
  associationFailures: Map<string, unknown>;
}

/** The zone's subnets of one VPC that the filters select. */
export interface VpcBlockPlan {
  vpcId: string;
  subnetIds: string[];
}

/** What the cloud shows after blocking, compared with the plan (`readBackBlocks`). */
export interface AclReadBack extends BlockReadBack {
  /** VPC id → this run's blocking ACL id, for the VPCs where one was created. */
  aclByVpc: Map<string, string>;
}

export function createNetworkContext(
  fields: Pick<NetworkContext, 'zone' | 'tagKey' | 'logger' | 'ledger'>,
): NetworkContext {
  return {
    ...fields,
    provider: providerId,
    intents: { acls: new Map(), associations: new Map() },
    associationFailures: new Map(),
    changed: false,
  };
}

/** A filter in Python notation for the log lines, as the Python tool printed it. */
export function reprOf(filter: unknown): string {
  return pythonRepr(filter ?? []);
}
