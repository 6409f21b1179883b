import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { describeManifest, objectPath } from './manifest-paths';
import { type Manifest, probeManifests } from './probe-manifests';

/**
 * The probe's objects in creation order, names only: the names are fixed (shared with the Python
 * tool), so they are the ownership mark by which any install, ours or the Python tool's, is found.
 */
export const probeObjects: readonly Manifest[] = probeManifests({
  replicas: 1,
  agentSource: '',
  image: '',
  tls: { certificatePem: '', keyPem: '' },
});

/** `namespace/chaos-garden-probe`, `deployment/chaos-garden-probe/probe`: how the ledger names an object. */
export function ledgerName(manifest: Manifest): string {
  const namespace = manifest.metadata.namespace;
  return `${manifest.kind.toLowerCase()}/${namespace === undefined ? '' : `${namespace}/`}${manifest.metadata.name}`;
}

/**
 * Reads every fixed probe object and returns those that exist (`Kind namespace/name`), in creation order.
 * A namespaced object is looked up even when the namespace is gone (it answers 404 then).
 *
 * @throws KubeApiError for an answer other than 200 or 404.
 */
export async function findExistingProbeObjects(client: KubeClient, signal?: AbortSignal): Promise<string[]> {
  return (await findExistingProbeManifests(client, signal)).map(describeManifest);
}

/** As `findExistingProbeObjects`, the fixed manifests of the objects that exist (kind, name, namespace). */
export async function findExistingProbeManifests(
  client: KubeClient,
  signal?: AbortSignal,
): Promise<Manifest[]> {
  const found: Manifest[] = [];
  for (const manifest of probeObjects) {
    try {
      await client.request({
        verb: 'get',
        path: objectPath(manifest),
        signal,
        operation: `get ${describeManifest(manifest)}`,
      });
      found.push(manifest);
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  }
  return found;
}
