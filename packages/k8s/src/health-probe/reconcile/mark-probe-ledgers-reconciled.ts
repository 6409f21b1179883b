import { describeError, findPendingRuns, type Logger, markReconciled } from '@chaosgarden/core';

/**
 * Marks the earlier runs' install intents for this cluster undone, once the probe is verified gone,
 * so later reconciles and reports do not count them as pending. Ledger trouble is only warned about:
 * the cluster, which is what matters, is clean.
 */
export async function markProbeLedgersReconciled(
  cluster: string,
  logger: Logger,
  directory: string | undefined,
): Promise<void> {
  const location = directory === undefined ? {} : { directory };
  try {
    const pending = await findPendingRuns({ provider: 'k8s', zone: 'cluster', ...location });
    let marked = 0;
    for (const run of pending.runs) {
      const changes = run.changes.filter(
        (change) =>
          change.intent.action === 'install-health-probe' &&
          (change.intent.undo as { cluster?: unknown } | undefined)?.cluster === cluster,
      );
      if (changes.length === 0) continue;
      await markReconciled({ ...run, changes }, location);
      marked += changes.length;
    }
    if (marked > 0)
      logger.info(`Marked ${marked} pending probe install(s) of earlier runs as undone in the ledger.`);
    for (const problem of pending.unreadable) logger.warn(`Unreadable ledger skipped: ${problem}`);
  } catch (error) {
    logger.warn(`Could not update the roll-back ledgers: ${describeError(error)}`);
  }
}
