import { abortableSleep, describeError, type Logger, RollbackIncompleteError } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { describeManifest, objectPath } from './manifest-paths';
import type { Manifest } from './probe-manifests';
import { probeObjects as names } from './probe-objects';
import { probeNamespace } from './probe-resource-names';

export interface RemoveProbeResourcesOptions {
  readonly client: KubeClient;
  readonly logger: Logger;
  /** How long to wait, in all, for pods, namespace and definitions to be gone. Default 180 000 ms. */
  readonly timeoutMs?: number | undefined;
  /** Pause between checks. Default 1000 ms. */
  readonly pollIntervalMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
}

/**
 * Removes the probe in the Python tool's order (spec §5 cleanup): the two Deployments (foreground), then
 * waits for the namespace's pods to go, then deletes the cluster-scoped objects in reverse creation order
 * (webhook configuration, binding, role, namespace, both definitions) pass after pass until every delete
 * answers 404, so heartbeats and namespaced objects are really gone. Unlike the Python tool the wait is
 * bounded.
 *
 * @throws RollbackIncompleteError listing what still exists (stuck pods, objects) when `timeoutMs` ran out;
 *   KubeApiError for a failing delete call other than 404/409.
 */
export async function removeProbeResources(options: RemoveProbeResourcesOptions): Promise<void> {
  const { client, logger, signal } = options;
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const interval = options.pollIntervalMs ?? 1000;
  let deletedDeployment = false;
  for (const manifest of names.filter((entry) => entry.kind === 'Deployment')) {
    try {
      await deleteObject(client, manifest, signal);
      logger.info(`Deleting probe deployment ${manifest.metadata.namespace}/${manifest.metadata.name}...`);
      deletedDeployment = true;
    } catch {
      // as in the Python tool: a missing (or undeletable) deployment does not stop the cleanup
    }
  }
  if (deletedDeployment) {
    const stuck = await waitForPodsGone(options, deadline, interval);
    if (stuck.length > 0) throw incomplete(stuck);
  }
  logger.info('Deleting probe resources...');
  const clusterScoped = names.filter((manifest) => manifest.metadata.namespace === undefined).reverse();
  for (;;) {
    const remaining: Manifest[] = [];
    for (const manifest of clusterScoped) {
      try {
        await deleteObject(client, manifest, signal);
        remaining.push(manifest);
      } catch (error) {
        const status = statusCodeOf(error);
        if (status === 404) continue;
        if (status === 409) {
          remaining.push(manifest); // already being deleted (a terminating namespace answers so)
          continue;
        }
        logger.error(`Probe cleanup failed: ${describeError(error)}`);
        throw error;
      }
    }
    if (remaining.length === 0) return;
    if (Date.now() >= deadline || signal?.aborted) throw incomplete(remaining.map(describeManifest));
    await abortableSleep(interval, signal);
  }
}

async function waitForPodsGone(
  options: RemoveProbeResourcesOptions,
  deadline: number,
  interval: number,
): Promise<string[]> {
  let reported: number | undefined;
  for (;;) {
    let pods: string[];
    try {
      const list = await options.client.request<{ items?: { metadata?: { name?: string } }[] }>({
        verb: 'list',
        path: `/api/v1/namespaces/${probeNamespace}/pods`,
        signal: options.signal,
        operation: `list pods in ${probeNamespace}`,
      });
      pods = (list?.items ?? []).map((pod) => `Pod ${probeNamespace}/${pod.metadata?.name}`);
    } catch {
      return []; // as in the Python tool: a failing list ends the wait
    }
    if (pods.length === 0) return [];
    if (pods.length !== reported) {
      options.logger.info(`Waiting for ${pods.length} pods to be deleted...`);
      reported = pods.length;
    }
    if (Date.now() >= deadline || options.signal?.aborted) return pods;
    await abortableSleep(interval, options.signal);
  }
}

function deleteObject(client: KubeClient, manifest: Manifest, signal: AbortSignal | undefined) {
  return client.request({
    verb: 'delete',
    path: objectPath(manifest),
    query: { propagationPolicy: 'Foreground' },
    timeoutMs: 60_000,
    signal,
    operation: `delete ${describeManifest(manifest)}`,
  });
}

function incomplete(leftovers: string[]): RollbackIncompleteError {
  return new RollbackIncompleteError({
    leftovers,
    cause: new Error(
      'The probe resources did not disappear in time; look for finalizers or an unavailable API service, ' +
        'then run rollbackClusterHealthProbe again.',
    ),
  });
}
