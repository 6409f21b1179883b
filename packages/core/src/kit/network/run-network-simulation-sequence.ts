import type { Logger } from '../../logging/logger';
import type { NetworkFailureSimulationStatus, SimulationEnd, Target } from '../../provider/v1/results';
import { assertNotHeld } from '../holder/assert-not-held';
import { claimZone } from '../holder/claim-zone';
import type { CloudLockWords } from '../holder/cloud-lock-words';
import { createLeaseRenewal } from '../holder/create-lease-renewal';
import type { HolderRecord } from '../holder/holder-record';
import type { ChangeRecorder } from '../recorded-change';
import { assertBlockAccepted } from './assert-block-accepted';
import { assertRolledBack } from './assert-rolled-back';
import { blockInPhases } from './block-in-phases';
import type { BlockReadBack } from './block-read-back';
import { blockStatus } from './block-status';
import { finalRollback } from './final-rollback';
import type { NetworkPlan, NetworkSimulationHooks } from './network-simulation-hooks';
import { readBackAfterStop } from './read-back-after-stop';
import { reportReadBack } from './report-read-back';
import type { RollbackOutcome } from './rollback-outcome';
import { waitUntilTerminated } from './wait-until-terminated';

export interface NetworkSimulationSequenceOptions<
  Unit,
  Prepared,
  ReadBack extends BlockReadBack = BlockReadBack,
> {
  /** Named in the terminator's log lines: `runNetworkFailureSimulation`. */
  name: string;
  /** The run's ledger, provider and zone; `changed` tells whether a roll-back is needed. */
  recorder: ChangeRecorder;
  logger: Logger;
  /** Whole seconds; negative: until stopped (the holder's lease is then renewed while it waits). */
  durationSeconds: number;
  /** The run's signal: ends set-up and wait, never the final roll-back. */
  signal: AbortSignal;
  /** This run's holder before the claim (`createHolderRecord`). */
  holder: HolderRecord;
  /** Artefacts without a holder (the Python tool's) are left-overs to roll back first. */
  rollbackLeftovers: boolean;
  /** Go on with a partial block (see `assertBlockAccepted`). */
  allowPartial: boolean;
  rollbackTimeoutSeconds: number;
  rollbackSignal?: AbortSignal | undefined;
  /** What the targets are, plural: `subnets`. */
  kind: string;
  /** Logged once the left-overs are gone, before the first cut: `Partitioning VPCs matching … (total).` */
  blockingMessage: string;
  words: CloudLockWords;
  /** The `chaosgarden rollback` command's filters and non-secret settings, for an abandoned roll-back. */
  rollbackCommand: {
    filters: Readonly<Record<string, unknown>>;
    configuration: Readonly<Record<string, string | undefined>>;
  };
  /** Warnings found before (already logged). */
  warnings?: readonly string[];
  hooks: NetworkSimulationHooks<Unit, Prepared, ReadBack>;
}

export interface NetworkSimulationSequenceResult extends SimulationEnd {
  status: NetworkFailureSimulationStatus;
  blocked: readonly Target[];
  /** What the final roll-back undid (nothing left: else it threw). */
  rollback: RollbackOutcome;
  warnings: string[];
}

/**
 * The network simulation of every plugin: plan → cloud lock (`assertNotHeld`; the caller holds the local
 * lock) → roll back left-overs → block (prepare every unit, claim the zone, cut) → read back (refusing a
 * partial block unless `allowPartial`) → wait, with the drift guard and, for a run without an end, the
 * lease renewal → roll back in `finally` (`finalRollback`), also after an error or a stop. A stop while
 * blocking is not a failure: the roll-back runs and the result says why it ended.
 *
 * @throws what failed (after the roll-back); RollbackIncompleteError when the roll-back left something.
 */
export async function runNetworkSimulationSequence<
  Unit,
  Prepared,
  ReadBack extends BlockReadBack = BlockReadBack,
>(
  options: NetworkSimulationSequenceOptions<Unit, Prepared, ReadBack>,
): Promise<NetworkSimulationSequenceResult> {
  const { hooks, logger, signal, recorder } = options;
  const warnings = [...(options.warnings ?? [])];
  const blocked: Target[] = [];
  let plan: NetworkPlan<Unit> | undefined;
  let end: SimulationEnd = { reason: 'termination-requested', netDurationSeconds: 0 };
  let failure: unknown;
  let readBack: ReadBack | undefined;
  try {
    plan = await hooks.plan();
    for (const warning of plan.warnings) logger.warn(warning);
    warnings.push(...plan.warnings);
    const { words, rollbackLeftovers } = options;
    assertNotHeld(await hooks.findLeftovers(), { words, rollbackLeftovers });
    const leftovers = await hooks.unblock({ phase: 'leftovers', signal });
    assertRolledBack(leftovers, recorder.zone);
    warnings.push(...leftovers.warnings);
    logger.info(options.blockingMessage);
    let holder = options.holder;
    const { writeHolder } = hooks;
    await blockInPhases({
      units: plan.units,
      prepare: (unit) => hooks.prepare(unit, options.holder),
      beforeBlocking:
        writeHolder === undefined
          ? undefined
          : async () => {
              const scope = { runId: holder.run, rollbackLeftovers };
              const list = hooks.findLeftovers;
              holder = await claimZone({ own: holder, scope, list, writeTicket: writeHolder, words, signal });
            },
      block: hooks.block,
      blocked,
    });
    if (hooks.readBack !== undefined) {
      readBack = reportReadBack(await hooks.readBack(signal), logger, warnings);
      assertBlockAccepted(readBack, {
        zone: recorder.zone,
        allowPartial: options.allowPartial,
        kind: options.kind,
      });
    }
    const guard = readBack === undefined ? undefined : hooks.guard?.(readBack, warnings);
    const renewal =
      options.durationSeconds < 0 && writeHolder !== undefined
        ? createLeaseRenewal({ holder, write: writeHolder, onError: (message) => logger.warn(message) })
        : undefined;
    end = await waitUntilTerminated({
      durationSeconds: options.durationSeconds,
      who: options.name,
      logger,
      signal,
      check: async () => {
        await renewal?.renewIfDue();
        return guard?.();
      },
    });
  } catch (error) {
    failure = error;
  }
  if (
    readBack === undefined &&
    failure !== undefined &&
    signal.aborted &&
    recorder.changed &&
    hooks.readBack
  ) {
    const { kind, rollbackTimeoutSeconds: timeoutSeconds, rollbackSignal } = options;
    readBack = await readBackAfterStop({
      readBack: hooks.readBack,
      kind,
      logger,
      warnings,
      timeoutSeconds,
      rollbackSignal,
    });
  }
  const rollback = await finalRollback({
    recorder,
    logger,
    timeoutSeconds: options.rollbackTimeoutSeconds,
    rollbackSignal: options.rollbackSignal,
    failure,
    unblock: (rollbackSignal) => hooks.unblock({ phase: 'final', signal: rollbackSignal }),
    words: { describeChange: hooks.describeChange, ...options.rollbackCommand },
  });
  // A stop requested while blocking is not a failure: the roll-back ran, the result says why it ended.
  if (failure !== undefined && !signal.aborted) {
    throw failure;
  }
  const readOrMoved =
    hooks.readBack === undefined && failure === undefined ? { planned: 0, blocked, missed: [] } : readBack;
  const outcome = blockStatus(plan?.planned ?? 0, readOrMoved, blocked);
  return { ...outcome, rollback, warnings: [...warnings, ...rollback.warnings], ...end };
}
