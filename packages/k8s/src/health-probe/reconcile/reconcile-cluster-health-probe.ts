import { createLogger, defineAction, describeError, type Logger, runSimulation } from '@chaosgarden/core';
import { createKubeClient, type KubeClient } from '../../cluster/kube-client';
import { reconcileClusterHealthProbeDeclaration } from '../../known-options';
import { describeManifest } from '../resources/manifest-paths';
import type { Manifest } from '../resources/probe-manifests';
import { findExistingProbeManifests } from '../resources/probe-objects';
import { removeProbeResources } from '../resources/remove-probe-resources';
import { markProbeLedgersReconciled } from './mark-probe-ledgers-reconciled';
import { type ProbeHolderState, readProbeHolderState, serverUrlOf } from './probe-holder-state';
import type {
  ClusterHealthProbeReconcileReport,
  ProbeObjectReference,
  ReconcileClusterHealthProbeOptions,
} from './reconcile-options';
import { verifyProbeGone } from './verify-probe-gone';

const name = 'reconcileClusterHealthProbe';

/**
 * Finds the health probe's resources by their fixed names (so the Python tool's install is found too),
 * removes them, then reads every fixed object back to prove it is gone. A probe still running on this
 * machine is left alone (its objects are reported as left-overs); a holder elsewhere is overridden and
 * named. Once nothing is left, the earlier runs' install entries for this cluster are marked undone in
 * the roll-back ledgers. With `dryRun` it only lists what exists and would be removed. A process signal
 * waits for the removal instead of cutting it short.
 *
 * @returns what existed and was removed, what was verified gone, and what is left (empty on success).
 */
export const reconcileClusterHealthProbe = defineAction(
  reconcileClusterHealthProbeDeclaration,
  reconcileProbe,
);

async function reconcileProbe(
  options: ReconcileClusterHealthProbeOptions = {},
): Promise<ClusterHealthProbeReconcileReport> {
  const logger = options.logger ?? createLogger();
  const kubeconfig =
    typeof options.kubeconfig === 'string' ? { path: options.kubeconfig } : options.kubeconfig;
  return runSimulation({ name, logger, ...(options.signal ? { signal: options.signal } : {}) }, async () => {
    const client = await createKubeClient({ kubeconfig, secrets: options.secrets, logger });
    try {
      return await reconcileWith(client, options, logger);
    } finally {
      client.close();
    }
  });
}

async function reconcileWith(
  client: KubeClient,
  options: ReconcileClusterHealthProbeOptions,
  logger: Logger,
): Promise<ClusterHealthProbeReconcileReport> {
  const cluster = serverUrlOf(client.host);
  const dryRun = options.dryRun === true;
  const manifests = await findExistingProbeManifests(client, options.signal);
  const found = manifests.map(describeManifest);
  const base: Omit<ClusterHealthProbeReconcileReport, 'removed' | 'verified' | 'leftovers'> = {
    cluster,
    dryRun,
    found: manifests.map(referenceOf),
    wouldRemove: [],
  };
  if (found.length === 0) {
    logger.info(`No health probe resources found in ${cluster}.`);
    if (dryRun) return { ...base, removed: [], verified: [], leftovers: [] };
  } else {
    logger.info(`Found ${found.length} health probe resource(s) in ${cluster}: ${found.join(', ')}.`);
    const holder = await readProbeHolderState(client, options.signal);
    if (holder.holder !== undefined) base.holder = holder.holder;
    if (holder.state === 'running-here') {
      logger.warn(`Leaving the health probe alone: it is still running on this machine (${holder.holder}).`);
      return { ...base, removed: [], verified: [], leftovers: found };
    }
    warnOverride(holder, dryRun, logger);
    if (dryRun) return dryRunReport(base, found, logger);
    await removeProbeResources({
      client,
      logger,
      timeoutMs: options.cleanupTimeoutMs,
      signal: options.signal,
    }).catch((error: unknown) => logger.error(`Removing the health probe failed: ${describeError(error)}`));
  }
  const { verified, leftovers } = await verifyProbeGone(client);
  const removed = found.filter(
    (object) => !leftovers.some((left) => left === object || left.startsWith(`${object} (`)),
  );
  if (removed.length > 0)
    logger.info(`Removed ${removed.length} health probe resource(s): ${removed.join(', ')}.`);
  logger.info(`Verified ${verified.length} health probe resource(s) gone.`);
  if (leftovers.length > 0) {
    logger.error(`Could not remove ${leftovers.length} health probe resource(s): ${leftovers.join(', ')}.`);
  } else {
    await markProbeLedgersReconciled(client.host, logger, options.stateDirectory);
  }
  return { ...base, removed, verified, leftovers };
}

function dryRunReport(
  base: Omit<ClusterHealthProbeReconcileReport, 'removed' | 'verified' | 'leftovers'>,
  found: readonly string[],
  logger: Logger,
): ClusterHealthProbeReconcileReport {
  for (const object of found) logger.info(`Dry run: would delete ${object} in ${base.cluster}.`);
  logger.info(
    `Dry run: would remove ${found.length} health probe resource(s) from ${base.cluster}; nothing was changed.`,
  );
  return { ...base, wouldRemove: [...found], removed: [], verified: [], leftovers: [] };
}

/** The panic button overrides a holder that may still be running elsewhere, and says whom. */
function warnOverride(holder: ProbeHolderState, dryRun: boolean, logger: Logger): void {
  if (holder.state !== 'maybe-running') return;
  logger.warn(
    `The health probe is held by ${holder.holder}, which may still be running on another machine: ${dryRun ? 'it would be removed anyway' : 'removing it anyway'}.`,
  );
}

function referenceOf(manifest: Manifest): ProbeObjectReference {
  const { name: objectName, namespace } = manifest.metadata;
  return { kind: manifest.kind, name: objectName, ...(namespace === undefined ? {} : { namespace }) };
}
