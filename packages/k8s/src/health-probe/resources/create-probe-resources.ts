import type { Logger } from '@chaosgarden/core';
import { describeError } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { collectionPath, describeManifest } from './manifest-paths';
import type { Manifest } from './probe-manifests';

/**
 * Creates the manifests one after the other, in order. An object that already exists (409) is kept, so
 * a second call changes nothing; any other failure is logged (`Probe setup failed: …`) and thrown.
 */
export async function createProbeResources(
  client: KubeClient,
  manifests: readonly Manifest[],
  logger: Logger,
  signal?: AbortSignal,
): Promise<void> {
  for (const manifest of manifests) {
    try {
      await client.request({
        verb: 'create',
        path: collectionPath(manifest),
        body: manifest,
        timeoutMs: 60_000,
        signal,
        operation: `create ${describeManifest(manifest)}`,
      });
    } catch (error) {
      if (statusCodeOf(error) === 409) continue;
      logger.error(`Probe setup failed: ${describeError(error)}`);
      throw error;
    }
  }
}
