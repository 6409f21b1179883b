import {
  ChaosgardenError,
  type CloudProviderV1,
  chaosgardenErrorCodes,
  createMemoryLedger,
  SimulationLockedError,
} from '@chaosgarden/core';
import {
  artefactIds,
  asHost,
  type BehaviourCheckOptions,
  defaultBehaviourTimeoutMs,
  standInCall,
  until,
  withTemporaryDirectories,
} from './behaviour-support';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown } from './contract-facts';
import { type Settlement, settleWithin } from './settle-within';

/** The `CHAOSGARDEN_HOST_ID` the second simulation runs with in `checkLockRefusal(..., 'another-host')`. */
export const secondHostId = 'chaosgarden-conformance-second-host';

/**
 * Rule 5: starts a network simulation that runs until stopped and waits until the stand-in shows what it
 * blocked; then a second one of the same zone and filters must be refused with `SimulationLockedError`
 * without removing anything of the first. `same-machine`: the second shares the first's state directory;
 * `another-host`: it has its own state directory and `CHAOSGARDEN_HOST_ID` (only the holder marks in the
 * cloud can refuse it). Afterwards the first stops when aborted, leaves nothing, and a third runs.
 *
 * @returns One sentence per violation; empty when the second simulation was refused.
 */
export async function checkLockRefusal(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  from: 'same-machine' | 'another-host',
  options: BehaviourCheckOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  return withTemporaryDirectories(2, async ([own = '', other = '']) => {
    const violations: string[] = [];
    const run = (directory: string, extra: Record<string, unknown>) => {
      const call = standInCall(standIn, {
        ledger: createMemoryLedger(),
        stateDirectory: directory,
        ...extra,
      });
      return settleWithin(() => provider.runNetworkFailureSimulation(call as never), timeoutMs * 2);
    };
    const holder = new AbortController();
    let firstSettled = false;
    const first = run(own, { duration: -1, signal: holder.signal }).finally(() => {
      firstSettled = true;
    });
    const blocking = await until(
      async () => (await artefactIds(standIn)).length > 0,
      timeoutMs,
      () => firstSettled,
    );
    if (!blocking) {
      holder.abort();
      const settlement = await first;
      const how =
        settlement.outcome === 'rejected' ? ` (it failed: ${describeThrown(settlement.error)})` : '';
      return [
        `the first simulation (duration -1) showed nothing in the stand-in within ${timeoutMs} ms${how}`,
      ];
    }
    const before = await artefactIds(standIn);
    const secondController = new AbortController();
    const second = () =>
      run(from === 'same-machine' ? own : other, { duration: 0, signal: secondController.signal });
    const refusal = from === 'same-machine' ? await second() : await asHost(secondHostId, second);
    secondController.abort();
    violations.push(...judgeRefusal(refusal, from, timeoutMs));
    const after = new Set(await artefactIds(standIn));
    const removed = before.filter((id) => !after.has(id));
    if (removed.length > 0)
      violations.push(`the second simulation removed the first's ${removed.join(', ')}`);
    holder.abort();
    violations.push(...judgeStop(await first));
    const left = await artefactIds(standIn);
    if (left.length > 0)
      violations.push(`after both simulations ended the stand-in shows ${left.join(', ')}`);
    const third = await run(own, { duration: 0 });
    if (third.outcome !== 'resolved') {
      const how = third.outcome === 'rejected' ? `failed: ${describeThrown(third.error)}` : 'did not settle';
      violations.push(`a simulation after the first one ended ${how}; release the lock and holder marks`);
    }
    return violations;
  });
}

function judgeRefusal(settlement: Settlement<unknown>, from: string, timeoutMs: number): string[] {
  const subject = `a second simulation of the same zone and filters (${from.replace('-', ' ')}) while the first holds it`;
  if (settlement.outcome === 'pending') return [`${subject} did not settle within ${timeoutMs * 2} ms`];
  if (settlement.outcome === 'resolved') {
    return [
      `${subject} was accepted; refuse it with SimulationLockedError (take the lock, check holder marks)`,
    ];
  }
  if (SimulationLockedError.isInstance(settlement.error)) return [];
  return [`${subject} failed with ${describeThrown(settlement.error)}, expected SimulationLockedError`];
}

function judgeStop(settlement: Settlement<unknown>): string[] {
  if (settlement.outcome === 'resolved') return [];
  if (settlement.outcome === 'pending')
    return ['the first simulation did not stop when its signal was aborted'];
  const { error } = settlement;
  if (ChaosgardenError.isInstance(error) && error.code === chaosgardenErrorCodes.terminated) return [];
  return [`the first simulation, aborted, failed with ${describeThrown(error)}`];
}
