import { createLogger, isThisHost, type Logger, runSimulation } from '@chaosgarden/core';
import { createKubeClient, type KubeClient } from '../../cluster/kube-client';
import { describeError } from '../../k8s-errors';
import { assertKnownOptions } from '../../known-options';
import { describeProbeHolder, isHolderProcessAlive, parseProbeHolder } from '../guard/probe-holder';
import { readProbeNamespace } from '../guard/read-probe-install';
import { findExistingProbeObjects } from '../resources/probe-objects';
import { holderAnnotation } from '../resources/probe-resource-names';
import { removeProbeResources } from '../resources/remove-probe-resources';
import { markProbeLedgersReconciled } from './mark-probe-ledgers-reconciled';
import {
  type ClusterHealthProbeReconcileReport,
  type ReconcileClusterHealthProbeOptions,
  reconcileOptionNames,
} from './reconcile-options';
import { verifyProbeGone } from './verify-probe-gone';

const name = 'reconcileClusterHealthProbe';

/**
 * Finds the health probe's resources by their fixed names (so the Python tool's install is found too),
 * removes them, then reads every fixed object back to prove it is gone. A probe still running on this
 * machine is left alone (its objects are reported as left-overs). Once nothing is left, the earlier
 * runs' install entries for this cluster are marked undone in the roll-back ledgers. A process signal
 * waits for the removal instead of cutting it short.
 *
 * @returns what existed and was removed, what was verified gone, and what is left (empty on success).
 */
export async function reconcileClusterHealthProbe(
  options: ReconcileClusterHealthProbeOptions = {},
): Promise<ClusterHealthProbeReconcileReport> {
  assertKnownOptions(options, reconcileOptionNames, name);
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
  const found = await findExistingProbeObjects(client, options.signal);
  if (found.length === 0) {
    logger.info(`No health probe resources found in ${client.host}.`);
  } else {
    logger.info(`Found ${found.length} health probe resource(s) in ${client.host}: ${found.join(', ')}.`);
    const runningHere = await liveProbeOnThisMachine(client, options.signal);
    if (runningHere !== undefined) {
      logger.warn(`Leaving the health probe alone: it is still running on this machine (${runningHere}).`);
      return { cluster: client.host, removed: [], verified: [], leftovers: found };
    }
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
  return { cluster: client.host, removed, verified, leftovers };
}

/** The holder, when the namespace names a probe whose process runs on this machine and is not overdue. */
async function liveProbeOnThisMachine(client: KubeClient, signal: AbortSignal | undefined) {
  const namespace = await readProbeNamespace(client, signal);
  const holder = parseProbeHolder(namespace?.metadata?.annotations?.[holderAnnotation]);
  if (holder === undefined || Date.parse(holder.expectedEnd) <= Date.now()) return undefined;
  return isThisHost(holder.hostname) && isHolderProcessAlive(holder)
    ? describeProbeHolder(holder)
    : undefined;
}
