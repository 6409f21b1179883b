import { type CloudProviderV1, createMemoryLedger } from '@chaosgarden/core';
import { abandonSimulation } from './abandoned-simulation';
import {
  type BehaviourCheckOptions,
  defaultBehaviourTimeoutMs,
  standInCall,
  withTemporaryDirectories,
} from './behaviour-support';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown } from './contract-facts';
import { settleWithin } from './settle-within';
import { unannouncedChanges } from './unannounced-changes';
import { watchingLedger } from './watching-ledger';

/**
 * Rule 3, for `runNetworkFailureSimulation` (`duration: 0`) or for `rollbackNetworkFailureSimulation` of
 * what a frozen run left: the stand-in is listed at every ledger call, and every artefact that appears or
 * disappears must have been announced by an intent naming it first. The call must resolve and leave
 * nothing; the simulation must have shown something in the stand-in, else the check saw no change.
 *
 * @returns One sentence per violation; empty when every change was announced before it was made.
 */
export async function checkLedgerBeforeChange(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  action: 'runNetworkFailureSimulation' | 'rollbackNetworkFailureSimulation',
  options: BehaviourCheckOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  return withTemporaryDirectories(2, async ([first = '', second = '']) => {
    const abandoned =
      action === 'rollbackNetworkFailureSimulation'
        ? await abandonSimulation(provider, standIn, {
            ledger: createMemoryLedger(),
            stateDirectory: first,
            timeoutMs,
          })
        : undefined;
    if (abandoned !== undefined && abandoned.violations.length > 0) {
      return [...abandoned.violations, ...(await abandoned.end())];
    }
    const watched = watchingLedger(createMemoryLedger(), () => standIn.listArtefacts());
    await watched.snapshot('the start');
    const controller = new AbortController();
    const call = standInCall(standIn, {
      ...(action === 'runNetworkFailureSimulation' ? { duration: 0 } : {}),
      ledger: watched.ledger,
      stateDirectory: second,
      signal: controller.signal,
    });
    const method = provider[action] as (options: unknown) => Promise<unknown>;
    const settlement = await settleWithin(() => method.call(provider, call), timeoutMs);
    controller.abort();
    await watched.snapshot('the end');
    const violations = [...watched.listingErrors, ...unannouncedChanges(watched.snapshots, watched.intents)];
    if (settlement.outcome === 'rejected') {
      violations.unshift(`${action} with the stand-in's input failed: ${describeThrown(settlement.error)}`);
    } else if (settlement.outcome === 'pending') {
      violations.unshift(`${action} with the stand-in's input did not settle within ${timeoutMs} ms`);
    }
    if (!watched.snapshots.some((snapshot) => snapshot.artefacts.length > 0)) {
      violations.push(
        `no listing during ${action} showed an artefact, so no change could be checked: give standIn.input ` +
          'filters that select something to block, and make listArtefacts list what blocks it',
      );
    }
    const left = watched.snapshots.at(-1)?.artefacts ?? [];
    if (left.length > 0) {
      violations.push(`${action} left ${left.map((artefact) => artefact.id).join(', ')} in the stand-in`);
    }
    return [...violations, ...((await abandoned?.end()) ?? [])];
  });
}
