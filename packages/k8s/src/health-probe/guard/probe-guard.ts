import { describeHolderRecord, type Logger, SimulationLockedError } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { holderAnnotation, probeNamespace } from '../resources/probe-resource-names';
import { decideProbeGuard } from './decide-probe-guard';
import { isHolderProcessAlive, type ProbeHolder, parseProbeHolder, probeHolderRecord } from './probe-holder';
import { readProbeInstall, readProbeNamespace } from './read-probe-install';

const seenInCluster = `in the cluster (namespace ${probeNamespace})`;

function lockName(host: string): string {
  return `cluster health probe of ${host}`;
}

function hint(): string {
  return (
    'Wait for that probe to end; if it died, remove its resources with ' +
    '`chaosgarden rollback --kubeconfig <path>` (reconcileClusterHealthProbe).'
  );
}

/**
 * Refuses to start while another probe runs against the cluster (see `decideProbeGuard`); logs what
 * it found when the install is a left-over, which the caller then removes as before.
 *
 * @throws SimulationLockedError naming the holder; nothing was changed then.
 */
export async function assertNoLiveProbe(
  client: KubeClient,
  logger: Logger,
  signal: AbortSignal | undefined,
): Promise<void> {
  const decision = decideProbeGuard(await readProbeInstall(client, signal), new Date(), isHolderProcessAlive);
  if (decision.verdict === 'held') {
    throw new SimulationLockedError({
      lock: lockName(client.host),
      holder: decision.holder,
      seen: seenInCluster,
      hint: hint(),
    });
  }
  if (decision.verdict === 'left-over') {
    logger.info(`Found a left-over health probe (${decision.reason}); removing it first.`);
  }
}

/**
 * After installing: the namespace must name this run. Another probe that passed the guard at the same
 * moment (from another machine) created it first, and its resources are then left alone.
 *
 * @throws SimulationLockedError naming the other holder.
 */
export async function assertProbeClaimed(
  client: KubeClient,
  holder: ProbeHolder,
  signal: AbortSignal | undefined,
): Promise<void> {
  const namespace = await readProbeNamespace(client, signal);
  const found = parseProbeHolder(namespace?.metadata?.annotations?.[holderAnnotation]);
  if (found?.runId === holder.runId) return;
  throw new SimulationLockedError({
    lock: lockName(client.host),
    holder:
      found === undefined
        ? "an unknown probe that removed or replaced this run's namespace"
        : describeHolderRecord(probeHolderRecord(found), { lease: 'omit' }),
    seen: seenInCluster,
    hint: hint(),
  });
}

/** Writes a renewed holder into the namespace (an open-ended probe keeps its claim alive this way). */
export async function writeProbeHolder(
  client: KubeClient,
  holder: ProbeHolder,
  signal: AbortSignal | undefined,
): Promise<void> {
  const namespace = await readProbeNamespace(client, signal);
  if (namespace === undefined) return;
  const metadata = (namespace.metadata ?? {}) as Record<string, unknown>;
  const annotations = {
    ...(namespace.metadata?.annotations ?? {}),
    [holderAnnotation]: JSON.stringify(holder),
  };
  await client.request({
    verb: 'update',
    path: `/api/v1/namespaces/${probeNamespace}`,
    body: { ...namespace, metadata: { ...metadata, annotations } },
    signal,
    operation: `update Namespace ${probeNamespace}`,
  });
}
