import { createLogger, defineAction, type Logger } from '@chaosgarden/core';
import { createKubeClient, type KubeClient } from './cluster/kube-client';
import type { ClusterAccessOptions } from './cluster/kubeconfig-source';
import type { KubeObject } from './informers/watch-events';
import { formatKeyResources, sortLeases, sortNodes, sortPods } from './key-resources/format-key-resources';
import {
  type KeyLease,
  type KeyNode,
  type KeyPod,
  keyLease,
  keyNode,
  keyPod,
} from './key-resources/key-resource-rows';
import { listClusterKeyResourcesDeclaration } from './known-options';
import { matchPod, type PodSelectorOptions, parsePodSelection, pinnedNamespace } from './pods/pod-selection';
import { matchesSelector } from './selectors/match-selector';
import { parseSelector, selectorText } from './selectors/parse-selector';
import type { SelectorInput } from './selectors/selector-types';

/** Options of `listClusterKeyResources` (Python: `chaosgarden.k8s.probes.list_cluster_key_resources`). */
export interface ListClusterKeyResourcesOptions extends PodSelectorOptions, ClusterAccessOptions {
  /** Kubernetes label selector on lease labels, passed to the API server. Default: none. */
  leaseLabelSelector?: SelectorInput;
  /** chaosgarden selector on lease `metadata` (`namespace=kube-system,name=~kube-`). Default: none. */
  leaseMetadataSelector?: SelectorInput;
  /** Accepted for compatibility with the Python tool and ignored. */
  configuration?: unknown;
  /** Receives the listing at debug level, one line per call, as the Python tool logged it. */
  logger?: Logger | undefined;
  signal?: AbortSignal | undefined;
}

/** The listing as data, plus the lines the logger received. */
export interface ClusterKeyResources {
  host: string;
  /** All nodes, sorted by zone and name. */
  nodes: KeyNode[];
  /** The pods the pod selectors match (same rules as the pod failure simulation). */
  pods: KeyPod[];
  /** The leases the lease selectors match. */
  leases: KeyLease[];
  /** The table, one string per line. */
  lines: string[];
}

/**
 * Lists nodes, the pods the pod selectors select and the leases the lease selectors select, as a table for
 * a person (logged at debug level) and as data. Changes nothing.
 *
 * @throws InvalidArgumentError / SelectorSyntaxError for bad options, KubeApiError when a list fails.
 */
export const listClusterKeyResources = defineAction(listClusterKeyResourcesDeclaration, listKeyResources);

async function listKeyResources(options: ListClusterKeyResourcesOptions = {}): Promise<ClusterKeyResources> {
  const logger = options.logger ?? createLogger();
  const selection = parsePodSelection(options);
  const strict = options.strictSelectors === true;
  const leaseSelector = parseSelector(options.leaseMetadataSelector, {
    argument: 'leaseMetadataSelector',
    strict,
  });
  const leaseLabels = selectorText(options.leaseLabelSelector).trim() || undefined;
  const client = await createKubeClient(options);
  try {
    const podNamespace = pinnedNamespace(selection.metadataSelector);
    const leaseNamespace = pinnedNamespace(leaseSelector);
    const [nodes, pods, leases] = await Promise.all([
      listItems(client, '/api/v1/nodes', 'nodes', undefined, options.signal),
      listItems(
        client,
        collectionPath('/api/v1', 'pods', podNamespace),
        'pods',
        selection.labelSelector,
        options.signal,
      ),
      listItems(
        client,
        collectionPath('/apis/coordination.k8s.io/v1', 'leases', leaseNamespace),
        'leases',
        leaseLabels,
        options.signal,
      ),
    ]);
    const now = Date.now();
    const nodeLabels = new Map(
      nodes.map((node) => [
        String(node.metadata?.name),
        (node.metadata?.labels ?? {}) as Record<string, string>,
      ]),
    );
    const podRows = sortPods(
      pods
        .map((pod) => matchPod(pod, (name) => nodeLabels.get(name), selection))
        .filter((match) => match !== undefined)
        .map((match) => ({
          row: keyPod(match, now),
          generateName: match.pod.metadata?.generateName as string | undefined,
        })),
    );
    const leaseRows = sortLeases(
      leases
        .filter((lease) => matchesSelector(leaseSelector, lease.metadata))
        .map((lease) => keyLease(lease, now)),
    );
    const nodeRows = sortNodes(nodes.map((node) => keyNode(node, now)));
    const lines = formatKeyResources(nodeRows, podRows, leaseRows);
    for (const line of lines) logger.debug(line);
    return { host: client.host, nodes: nodeRows, pods: podRows, leases: leaseRows, lines };
  } finally {
    client.close();
  }
}

function collectionPath(prefix: string, resource: string, namespace: string | undefined): string {
  return namespace === undefined
    ? `${prefix}/${resource}`
    : `${prefix}/namespaces/${encodeURIComponent(namespace)}/${resource}`;
}

async function listItems(
  client: KubeClient,
  path: string,
  resource: string,
  labelSelector: string | undefined,
  signal: AbortSignal | undefined,
): Promise<KubeObject[]> {
  const body = await client.request<{ items?: KubeObject[] }>({
    verb: 'list',
    path,
    query: { labelSelector },
    signal,
    operation: `list ${resource}`,
  });
  return body?.items ?? [];
}
