import { type CloudProviderV1, createMemoryLedger, type RollbackResult } from '@chaosgarden/core';
import { abandonSimulation } from './abandoned-simulation';
import {
  artefactIds,
  type BehaviourCheckOptions,
  defaultBehaviourTimeoutMs,
  standInCall,
  withTemporaryDirectories,
} from './behaviour-support';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown } from './contract-facts';
import { settleWithin } from './settle-within';

/**
 * Rule 4: leaves a frozen run's changes behind, then calls `rollbackNetworkFailureSimulation` twice. The
 * first must resolve, report what it restored or removed and leave nothing in the stand-in; the second
 * must resolve too, report nothing and leave nothing; once the frozen run is released and has settled
 * (its own roll-back comes third), the stand-in must still show nothing.
 *
 * @returns One sentence per violation; empty when rolling back twice was harmless.
 */
export async function checkRollbackTwice(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  options: BehaviourCheckOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  return withTemporaryDirectories(2, async ([first = '', second = '']) => {
    const abandoned = await abandonSimulation(provider, standIn, {
      ledger: createMemoryLedger(),
      stateDirectory: first,
      timeoutMs,
    });
    if (abandoned.violations.length > 0) return [...abandoned.violations, ...(await abandoned.end())];
    const violations: string[] = [];
    for (const attempt of ['first', 'second'] as const) {
      const call = standInCall(standIn, { ledger: createMemoryLedger(), stateDirectory: second });
      const settlement = await settleWithin(
        () => provider.rollbackNetworkFailureSimulation(call as never),
        timeoutMs,
      );
      const subject = `the ${attempt} roll-back of a left-over (${abandoned.artefacts.join(', ')})`;
      if (settlement.outcome === 'pending') {
        violations.push(`${subject} did not settle within ${timeoutMs} ms`);
        break;
      }
      if (settlement.outcome === 'rejected') {
        violations.push(`${subject} failed: ${describeThrown(settlement.error)}`);
        continue;
      }
      violations.push(...judgeResult(subject, attempt, settlement.value));
      const left = await artefactIds(standIn);
      if (left.length > 0) violations.push(`${subject} left ${left.join(', ')} in the stand-in`);
    }
    violations.push(...(await abandoned.end()));
    const left = await artefactIds(standIn);
    if (left.length > 0) {
      violations.push(
        `after the frozen run ended (its own roll-back came third), the stand-in shows ${left.join(', ')}`,
      );
    }
    return violations;
  });
}

function judgeResult(subject: string, attempt: 'first' | 'second', result: RollbackResult): string[] {
  const reported = (result?.restored?.length ?? 0) + (result?.removed?.length ?? 0);
  if (attempt === 'first' && reported === 0) {
    return [`${subject} reported nothing restored or removed`];
  }
  if (attempt === 'second' && reported > 0) {
    const ids = [...(result.restored ?? []), ...(result.removed ?? [])].map((target) => target.id);
    return [
      `${subject} reported ${ids.join(', ')} as restored or removed although the first had undone them`,
    ];
  }
  return [];
}
