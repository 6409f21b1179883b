// The example plugin's reconcile: finds left-overs by the ledgers and by the holders on the blocks.
import { findPendingRuns, markReconciled, type ReconcileReport, type Target } from '@chaosgarden/core';
import { type ExampleCloud, holderAlive, refuseUnknownOptions } from './example-cloud.test-fixture';

interface ReconcileOptions {
  zone?: string;
  stateDirectory?: string;
  dryRun?: boolean;
}

const reconcileKeys = [
  'zone',
  'runId',
  'filters',
  'configuration',
  'secrets',
  'signal',
  'logger',
  'stateDirectory',
  'dryRun',
];

/** Undoes every block a ledger names or whose holder is not alive on this machine. */
export async function reconcileExample(
  cloud: ExampleCloud,
  options: ReconcileOptions,
): Promise<ReconcileReport> {
  refuseUnknownOptions(cloud, options, reconcileKeys);
  const { runs } = await findPendingRuns({
    provider: 'example',
    ...(options.stateDirectory === undefined ? {} : { directory: options.stateDirectory }),
    ...(options.zone === undefined ? {} : { zone: options.zone }),
  });
  const named = new Set(runs.flatMap((run) => run.changes.flatMap((change) => change.resources)));
  const found: Target[] = [];
  const leftAlone: Target[] = [];
  for (const [id, block] of cloud.blocks) {
    if (options.zone !== undefined && block.zone !== options.zone) continue;
    const target = { kind: 'network', id, zone: block.zone };
    if (holderAlive(block.holder) && !named.has(id)) continue;
    if (holderAlive(block.holder)) leftAlone.push(target);
    else found.push(target);
  }
  if (options.dryRun !== true && cloud.broken !== 'reconcile-leaves-leftover') {
    for (const target of found) cloud.blocks.delete(target.id);
  }
  const held = new Set(leftAlone.map((target) => target.id));
  const directory = options.stateDirectory === undefined ? {} : { directory: options.stateDirectory };
  for (const run of options.dryRun === true ? [] : runs) {
    if (!run.changes.some((change) => change.resources.some((id) => held.has(id)))) {
      await markReconciled(run, directory);
    }
  }
  return {
    provider: 'example',
    runs: runs.map((run) => run.runId),
    found,
    restored: [],
    removed: found,
    verified: [`${found.length} network(s) unblocked`],
    leftovers: [],
    warnings: [],
    leftAlone,
  };
}
