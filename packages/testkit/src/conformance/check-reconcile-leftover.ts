import {
  type CloudProviderV1,
  createFileLedger,
  findPendingRuns,
  type ReconcileReport,
} from '@chaosgarden/core';
import { abandonSimulation } from './abandoned-simulation';
import {
  artefactIds,
  type BehaviourCheckOptions,
  defaultBehaviourTimeoutMs,
  withTemporaryDirectories,
} from './behaviour-support';
import { silentLogger } from './check-refusal';
import type { ConformanceStandIn } from './conformance-stand-in';
import { describeThrown } from './contract-facts';
import { settleWithin } from './settle-within';

/**
 * Leaves a frozen run's changes behind (its file ledger in a state directory of its own), lets the hook
 * make them look like a killed process's (`standIn.markRunDead`), then calls `reconcile` with the zone,
 * configuration, secrets and that state directory. It must resolve, report what it found and no
 * left-over, leave nothing in the stand-in and no pending change of the run in its ledger; once the
 * frozen run is released and has settled, the stand-in must still show nothing.
 *
 * @returns One sentence per violation; empty when reconcile undid the left-over.
 */
export async function checkReconcileLeftover(
  provider: CloudProviderV1,
  standIn: ConformanceStandIn,
  options: BehaviourCheckOptions = {},
): Promise<string[]> {
  const timeoutMs = options.timeoutMs ?? defaultBehaviourTimeoutMs;
  if (typeof provider.reconcile !== 'function') {
    return ["the provider has no reconcile; switch the group off with skipGroups: ['reconcile']"];
  }
  return withTemporaryDirectories(2, async ([ledgers = '', locks = '']) => {
    const ledger = createFileLedger({ directory: ledgers });
    const abandoned = await abandonSimulation(provider, standIn, {
      ledger,
      stateDirectory: locks,
      timeoutMs,
    });
    if (abandoned.violations.length > 0) return [...abandoned.violations, ...(await abandoned.end())];
    await standIn.markRunDead?.();
    const { zone, configuration, secrets } = standIn.input;
    const controller = new AbortController();
    const settlement = await settleWithin(
      () =>
        (provider.reconcile as (options: unknown) => Promise<ReconcileReport>)({
          zone,
          configuration,
          secrets,
          stateDirectory: ledgers,
          logger: silentLogger,
          signal: controller.signal,
        }),
      timeoutMs,
    );
    controller.abort();
    const subject = `reconcile of a killed run's left-over (${abandoned.artefacts.join(', ')})`;
    const violations: string[] = [];
    if (settlement.outcome === 'pending') violations.push(`${subject} did not settle within ${timeoutMs} ms`);
    if (settlement.outcome === 'rejected')
      violations.push(`${subject} failed: ${describeThrown(settlement.error)}`);
    if (settlement.outcome === 'resolved') violations.push(...judgeReport(subject, settlement.value));
    const left = await artefactIds(standIn);
    if (left.length > 0) violations.push(`after ${subject} the stand-in shows ${left.join(', ')}`);
    const pending = (await findPendingRuns({ directory: ledgers, runId: ledger.runId })).runs;
    const changes = pending.reduce((sum, run) => sum + run.changes.length, 0);
    if (changes > 0) {
      violations.push(
        `${subject} left ${changes} change(s) of the run pending in its ledger; mark them undone`,
      );
    }
    violations.push(...(await abandoned.end()));
    const afterEnd = await artefactIds(standIn);
    if (left.length === 0 && afterEnd.length > 0) {
      violations.push(`after the frozen run ended the stand-in shows ${afterEnd.join(', ')}`);
    }
    return violations;
  });
}

function judgeReport(subject: string, report: ReconcileReport): string[] {
  const violations: string[] = [];
  if ((report?.found ?? []).length === 0) violations.push(`${subject} reported nothing found`);
  if ((report?.leftovers ?? []).length > 0) {
    violations.push(`${subject} reported left-overs: ${report.leftovers.join('; ')}`);
  }
  return violations;
}
