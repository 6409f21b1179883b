// Pods placed on the sandbox's kwok nodes directly (no scheduler), owned by a ConfigMap or by a DaemonSet
// that never schedules anything itself, so no controller re-creates or adopts them.
import type { SandboxCluster } from './sandbox-garden';

export interface Owner {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
}

export async function configMapOwner(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
): Promise<Owner> {
  const object = await cluster.call<{ metadata: { uid: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/configmaps`,
    {
      metadata: { name },
    },
  );
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: object.metadata.uid };
}

export async function daemonSetOwner(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
): Promise<Owner> {
  const never = { 'chaosgarden.test/never': 'true' };
  const object = await cluster.call<{ metadata: { uid: string } }>(
    'POST',
    `/apis/apps/v1/namespaces/${namespace}/daemonsets`,
    {
      metadata: { name },
      spec: {
        selector: { matchLabels: never },
        template: {
          metadata: { labels: never },
          spec: { nodeSelector: never, containers: [{ name: 'c', image: 'fake' }] },
        },
      },
    },
  );
  return { apiVersion: 'apps/v1', kind: 'DaemonSet', name, uid: object.metadata.uid };
}

export async function createPod(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  nodeName: string,
  owner: Owner,
  labels: Record<string, string>,
): Promise<void> {
  await cluster.call('POST', `/api/v1/namespaces/${namespace}/pods`, {
    metadata: { name, labels, ownerReferences: [{ ...owner, controller: false }] },
    spec: { nodeName, automountServiceAccountToken: false, containers: [{ name: 'c', image: 'fake' }] },
  });
}

/** Names of the pods in `namespace` that are not being deleted, optionally restricted by a label selector. */
export async function livePodNames(
  cluster: SandboxCluster,
  namespace: string,
  labelSelector?: string,
): Promise<string[]> {
  const query = labelSelector === undefined ? '' : `?labelSelector=${encodeURIComponent(labelSelector)}`;
  const list = await cluster.call<{ items: { metadata: { name: string; deletionTimestamp?: string } }[] }>(
    'GET',
    `/api/v1/namespaces/${namespace}/pods${query}`,
  );
  return list.items
    .filter((pod) => pod.metadata.deletionTimestamp === undefined)
    .map((pod) => pod.metadata.name)
    .sort();
}

export async function deleteNamespace(cluster: SandboxCluster, name: string): Promise<void> {
  await cluster.call('DELETE', `/api/v1/namespaces/${name}`, undefined, [200, 202, 404]);
}
