import type { LedgerEntryInput } from '../../ledger/rollback-ledger';
import type { Logger } from '../../logging/logger';
import type { ComputeFailureMode } from '../../provider/v1/options';
import type { LifetimeScheduler } from '../../tasks/lifetime-scheduler';
import type { ChangeRecorder } from '../recorded-change';

/** A machine of the zone that the compute loop may hit, as the plugin's `list` hook found it. */
export interface ComputeMachine {
  /** The cloud's id of the machine: it is scheduled, logged and reported by it. */
  id: string;
  /** When it was launched (epoch ms): its lifetime counts from there. Default: when first seen. */
  launchedMs?: number | undefined;
  /** Machines of one group are hit with one call (AWS: the lifecycle, `normal` or `spot`). */
  group?: string | undefined;
}

/**
 * `recordedChange` bound to the loop's context (its provider id, zone and ledger): every change a
 * `terminate` or `restart` hook makes goes through it, so the ledger has the intent before the call.
 */
export type RecordChange = <T>(
  entry: Omit<LedgerEntryInput, 'provider' | 'zone'>,
  change: () => Promise<T>,
) => Promise<T>;

/** One call's worth of machines for the plugin's `terminate` or `restart` hook. */
export interface ComputeBatch {
  ids: string[];
  /** The machines' group (`ComputeMachine.group`), undefined when the plugin groups nothing. */
  group: string | undefined;
  /** Records each change in the ledger before it is made; a hook must call it for every change. */
  record: RecordChange;
}

/** The cloud calls of a compute simulation: everything else is the kit's `runComputeLoop`. */
export interface ComputeLoopHooks {
  /** The zone's machines matching the filters and eligible for the mode, in the order found. */
  list(): Promise<readonly ComputeMachine[]>;
  /** Terminates the batch's machines, each change through `batch.record`. */
  terminate(batch: ComputeBatch): Promise<void>;
  /** Restarts (reboots) the batch's machines, each change through `batch.record`. */
  restart(batch: ComputeBatch): Promise<void>;
  /**
   * The id of the machine this process runs on, or undefined (not on this cloud). Asked once, before
   * the first pass, unless `allowSelfTarget` is set; that machine is never hit.
   */
  findSelf?(): Promise<string | undefined>;
}

/** How the log lines and results name a machine: the Python tool's words for each cloud. */
export interface ComputeNouns {
  /** `Target.kind` of the results, kebab-case: `instance`, `virtual-machine`, `server`. */
  kind: string;
  /** Singular in log lines: `instance`, `virtual machine`. */
  one: string;
  /** Plural in log lines: `instances`, `virtual machines`. */
  many: string;
  /** The `Target.details` key that carries the machine's group (AWS: `lifecycle`). */
  groupDetail?: string | undefined;
}

/** What the pieces of one compute loop share (built by `runComputeLoop`). */
export interface ComputeLoopStep {
  hooks: ComputeLoopHooks;
  recorder: ChangeRecorder;
  logger: Logger;
  mode: ComputeFailureMode;
  nouns: ComputeNouns;
  scheduler: LifetimeScheduler;
  now: () => number;
  /** Retry a machine whose operation failed after this many seconds. */
  failedRetrySeconds: number;
  /** At most this many calls at once when a group is retried machine by machine. */
  callConcurrency: number;
}
