import type { Logger } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { zoneLabel } from '../resources/probe-resource-names';

/** The distinct, sorted values of the nodes' zone label (nodes without it are ignored). */
export async function detectZones(client: KubeClient, logger: Logger): Promise<string[]> {
  const list = await client.request<{ items?: { metadata?: { labels?: Record<string, string> } }[] }>({
    verb: 'list',
    path: '/api/v1/nodes',
    timeoutMs: 60_000,
    operation: 'list nodes',
  });
  const zones = new Set<string>();
  for (const node of list?.items ?? []) {
    const zone = node.metadata?.labels?.[zoneLabel];
    if (zone) zones.add(zone);
  }
  const sorted = [...zones].sort();
  logger.info(`Cluster spread across the following detected zones: ${sorted.join(', ')}`);
  return sorted;
}
