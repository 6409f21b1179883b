import type { CloudProviderV1, RollbackLedger } from '@chaosgarden/core';
import { artefactIds, standInCall } from './behaviour-support';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown } from './contract-facts';
import { freezingLedger } from './freezing-ledger';
import { settleWithin } from './settle-within';

/** A network simulation frozen at its first roll-back step; see `abandonSimulation`. */
export interface AbandonedSimulation {
  /** Why no left-over could be made, in words; empty when it worked. */
  violations: string[];
  /** The ids of what the frozen run left in the stand-in. */
  artefacts: string[];
  /** Releases the frozen run (its further ledger calls fail) and waits for it to settle. */
  end(): Promise<string[]>;
}

/**
 * Starts a network simulation with the stand-in's input (`duration: 0`) whose ledger freezes at its first
 * roll-back step: the run has made every change and undoes none, as a process killed at that moment.
 */
export async function abandonSimulation(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  options: { ledger: RollbackLedger; stateDirectory: string; timeoutMs: number },
): Promise<AbandonedSimulation> {
  const { timeoutMs } = options;
  const freeze = freezingLedger(options.ledger);
  const controller = new AbortController();
  const call = standInCall(standIn, {
    duration: 0,
    ledger: freeze.ledger,
    stateDirectory: options.stateDirectory,
    signal: controller.signal,
  });
  const run = settleWithin(() => provider.runNetworkFailureSimulation(call as never), timeoutMs * 4);
  const reached = await Promise.race([
    freeze.frozen.then(() => 'frozen' as const),
    run.then(() => 'settled' as const),
    new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), timeoutMs).unref()),
  ]);
  const end = async (): Promise<string[]> => {
    freeze.release();
    controller.abort();
    return (await run).outcome === 'pending'
      ? [`the released simulation did not settle within ${timeoutMs * 4} ms`]
      : [];
  };
  const violations: string[] = [];
  if (reached === 'settled') {
    const settlement = await run;
    const how =
      settlement.outcome === 'rejected' ? `failed: ${describeThrown(settlement.error)}` : 'resolved';
    violations.push(
      `runNetworkFailureSimulation with the stand-in's input ${how} without recording a roll-back step ` +
        "(role: 'rollback-step') after a change; the suite freezes a run there to leave its changes behind",
    );
  } else if (reached === 'late') {
    violations.push(`runNetworkFailureSimulation did not reach its roll-back within ${timeoutMs} ms`);
  }
  const artefacts = violations.length === 0 ? await artefactIds(standIn) : [];
  if (violations.length === 0 && artefacts.length === 0) {
    violations.push(
      'a simulation frozen at its first roll-back step left nothing in the stand-in: give standIn.input ' +
        'filters that select something to block, and make listArtefacts list what blocks it',
    );
  }
  return { violations, artefacts, end };
}
