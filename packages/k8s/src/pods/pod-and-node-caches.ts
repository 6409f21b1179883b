import type { KubeClient } from '../cluster/kube-client';
import { type CacheEvent, createResourceCache, type ResourceCache } from '../informers/resource-cache';
import type { KubeObject } from '../informers/watch-events';
import { type PodSelection, pinnedNamespace } from './pod-selection';

export interface PodAndNodeCachesOptions {
  client: KubeClient;
  selection: PodSelection;
  /** Every pod change (`relisted` after each full list). */
  onPodEvent?: (event: CacheEvent<KubeObject>) => void;
  /** Every node change. */
  onNodeEvent?: (event: CacheEvent<KubeObject>) => void;
  /** A list or watch failed and will be retried. */
  onError?: (resource: 'pods' | 'nodes', error: unknown, retryInMs: number) => void;
  onRecovered?: (resource: 'pods' | 'nodes') => void;
  /** Relist interval of both caches. Default 10 min. */
  resyncIntervalMs?: number;
}

/** The two caches pod selection needs: the selected pods and all nodes (for their labels). */
export interface PodAndNodeCaches {
  readonly pods: ResourceCache<KubeObject>;
  readonly nodes: ResourceCache<KubeObject>;
  /** The labels of a known node (empty if it has none), undefined for an unknown node. */
  nodeLabels(nodeName: string): Readonly<Record<string, string>> | undefined;
  start(): void;
  /** Resolves once both listed; rejects with a non-retryable first-list error (see `ResourceCache.synced`). */
  synced(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Lists and watches the pods (only the pinned namespace, and only those the label selector selects, both
 * filtered by the API server) and all nodes. One list and one open watch each, whatever the pod count.
 */
export function createPodAndNodeCaches(options: PodAndNodeCachesOptions): PodAndNodeCaches {
  const namespace = pinnedNamespace(options.selection.metadataSelector);
  const pods = createResourceCache<KubeObject>({
    client: options.client,
    resource: 'pods',
    path:
      namespace === undefined ? '/api/v1/pods' : `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`,
    labelSelector: options.selection.labelSelector,
    ...(options.resyncIntervalMs === undefined ? {} : { resyncIntervalMs: options.resyncIntervalMs }),
    ...(options.onPodEvent ? { onEvent: options.onPodEvent } : {}),
    onError: (error, retryInMs) => options.onError?.('pods', error, retryInMs),
    onRecovered: () => options.onRecovered?.('pods'),
  });
  const nodes = createResourceCache<KubeObject>({
    client: options.client,
    resource: 'nodes',
    path: '/api/v1/nodes',
    ...(options.resyncIntervalMs === undefined ? {} : { resyncIntervalMs: options.resyncIntervalMs }),
    ...(options.onNodeEvent ? { onEvent: options.onNodeEvent } : {}),
    onError: (error, retryInMs) => options.onError?.('nodes', error, retryInMs),
    onRecovered: () => options.onRecovered?.('nodes'),
  });
  return {
    pods,
    nodes,
    nodeLabels(nodeName) {
      const node = nodes.objects.get(`/${nodeName}`);
      if (node === undefined) return undefined;
      return (node.metadata?.labels as Record<string, string> | undefined) ?? {};
    },
    start() {
      nodes.start();
      pods.start();
    },
    async synced(signal) {
      await Promise.all([nodes.synced(signal), pods.synced(signal)]);
    },
    async stop() {
      await Promise.all([pods.stop(), nodes.stop()]);
    },
  };
}
