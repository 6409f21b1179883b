import type { SandboxCluster } from './sandbox-cluster';
import { waitFor } from './sandbox-cluster';

/** The fields of a pod the tests look at. */
export interface PodInfo {
  namespace: string;
  name: string;
  uid: string;
  node: string | undefined;
  ownerKind: string | undefined;
  ownerName: string | undefined;
  labels: Record<string, string>;
  creationTimestamp: string;
  terminating: boolean;
  deletionGracePeriodSeconds: number | undefined;
}

interface PodObject {
  metadata: {
    namespace: string;
    name: string;
    uid: string;
    labels?: Record<string, string>;
    ownerReferences?: { kind: string; name: string }[];
    creationTimestamp: string;
    deletionTimestamp?: string;
    deletionGracePeriodSeconds?: number;
  };
  spec: { nodeName?: string };
}

const container = [{ name: 'c', image: 'fake' }];

function podTemplate(labels: Record<string, string>, nodeSelector: Record<string, string>) {
  return {
    metadata: { labels },
    spec: { automountServiceAccountToken: false, nodeSelector, containers: container },
  };
}

export async function createReplicaSet(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  replicas: number,
  nodeSelector: Record<string, string>,
): Promise<void> {
  await cluster.call('POST', `/apis/apps/v1/namespaces/${namespace}/replicasets`, {
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: podTemplate({ app: name }, nodeSelector),
    },
  });
}

export async function createDaemonSet(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  nodeSelector: Record<string, string>,
): Promise<void> {
  await cluster.call('POST', `/apis/apps/v1/namespaces/${namespace}/daemonsets`, {
    metadata: { name },
    spec: { selector: { matchLabels: { app: name } }, template: podTemplate({ app: name }, nodeSelector) },
  });
}

/**
 * A pod placed on `nodeName` directly (no scheduler). With `owner`, the pod gets a non-controller owner
 * reference to it (a ConfigMap, say): no controller re-creates or adopts it.
 */
export async function createPod(
  cluster: SandboxCluster,
  namespace: string,
  name: string,
  nodeName: string,
  owner?: { apiVersion: string; kind: string; name: string; uid: string },
  labels: Record<string, string> = { app: name },
): Promise<PodInfo> {
  const pod = await cluster.call<PodObject>('POST', `/api/v1/namespaces/${namespace}/pods`, {
    metadata: { name, labels, ...(owner ? { ownerReferences: [owner] } : {}) },
    spec: { nodeName, automountServiceAccountToken: false, containers: container },
  });
  return podInfo(pod);
}

/** A ConfigMap to own pods without a controller. */
export async function createOwner(cluster: SandboxCluster, namespace: string, name: string) {
  const object = await cluster.call<{ metadata: { uid: string } }>(
    'POST',
    `/api/v1/namespaces/${namespace}/configmaps`,
    {
      metadata: { name },
    },
  );
  return { apiVersion: 'v1', kind: 'ConfigMap', name, uid: object.metadata.uid };
}

export async function listPods(cluster: SandboxCluster, namespace: string): Promise<PodInfo[]> {
  const list = await cluster.call<{ items: PodObject[] }>('GET', `/api/v1/namespaces/${namespace}/pods`);
  return list.items.map(podInfo);
}

export function podInfo(pod: PodObject): PodInfo {
  const owner = pod.metadata.ownerReferences?.[0];
  return {
    namespace: pod.metadata.namespace,
    name: pod.metadata.name,
    uid: pod.metadata.uid,
    node: pod.spec.nodeName,
    ownerKind: owner?.kind,
    ownerName: owner?.name,
    labels: pod.metadata.labels ?? {},
    creationTimestamp: pod.metadata.creationTimestamp,
    terminating: pod.metadata.deletionTimestamp !== undefined,
    deletionGracePeriodSeconds: pod.metadata.deletionGracePeriodSeconds,
  };
}

/**
 * Waits until the namespace has exactly the expected number of running, scheduled, non-terminating pods
 * per owner name (ReplicaSets and DaemonSets re-create what a test deleted).
 */
export async function waitForSteadyPods(
  cluster: SandboxCluster,
  namespace: string,
  expectedPerOwner: Record<string, number>,
): Promise<PodInfo[]> {
  return waitFor(`steady pods in ${namespace}`, async () => {
    const pods = await listPods(cluster, namespace);
    if (pods.some((pod) => pod.terminating || pod.node === undefined)) return undefined;
    const counts: Record<string, number> = {};
    for (const pod of pods) counts[pod.ownerName ?? '-'] = (counts[pod.ownerName ?? '-'] ?? 0) + 1;
    const steady = Object.entries(expectedPerOwner).every(([owner, count]) => counts[owner] === count);
    return steady ? pods : undefined;
  });
}

export const podKey = (pod: { namespace: string; name: string }) => `${pod.namespace}/${pod.name}`;
