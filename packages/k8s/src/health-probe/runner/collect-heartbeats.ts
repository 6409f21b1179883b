import { abortableSleep, describeError, type Logger } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import type { HeartbeatInput } from '../metrics/metric-types';

interface HeartbeatList {
  items?: { metadata?: { name?: string }; ready?: unknown; payload?: unknown }[];
}

/**
 * All `Heartbeat` then all `AcknowledgedHeartbeat` objects of the cluster (spec §5 step 2), read with
 * the Python tool's retries: up to 6 attempts, 5, 10, 15, 20, 25 s apart.
 */
export async function readHeartbeats(
  client: KubeClient,
  logger: Logger,
  retryUnitMs = 5000,
): Promise<HeartbeatInput[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      const lists = [];
      for (const plural of ['heartbeats', 'acknowledgedheartbeats']) {
        lists.push(
          await client.request<HeartbeatList>({
            verb: 'list',
            path: `/apis/chaos.gardener.cloud/v1/${plural}`,
            operation: `list ${plural}`,
          }),
        );
      }
      return lists.flatMap((list) =>
        (list?.items ?? []).map((item) => ({
          name: String(item.metadata?.name ?? ''),
          ready: item.ready,
          payload: item.payload,
        })),
      );
    } catch (error) {
      if (attempt >= 6) throw error;
      logger.error(`Reading custom resources failed: ${describeError(error)}`);
      await abortableSleep(attempt * retryUnitMs);
    }
  }
}

interface EventList {
  items?: {
    type?: string;
    reason?: string;
    note?: string;
    eventTime?: string;
    regarding?: { kind?: string; namespace?: string; name?: string };
    metadata?: { creationTimestamp?: string };
  }[];
}

/**
 * Logs the cluster's events of the probing window at debug level (diagnostics only, spec §5 step 1).
 * Unlike the Python tool, a failure to read them is logged and does not abort the probe.
 */
export async function logEvents(
  client: KubeClient,
  logger: Logger,
  start: number,
  stop: number,
): Promise<void> {
  let list: EventList;
  try {
    list = await client.request<EventList>({
      verb: 'list',
      path: '/apis/events.k8s.io/v1/events',
      operation: 'list events',
    });
  } catch (error) {
    logger.error(`Reading events failed: ${describeError(error)}`);
    return;
  }
  const rows = (list?.items ?? [])
    .map((event) => {
      const time = Date.parse(event.metadata?.creationTimestamp ?? event.eventTime ?? '') / 1000 || 0;
      const regarding = event.regarding ?? {};
      const resource = [
        regarding.kind?.toLowerCase(),
        regarding.namespace?.toLowerCase(),
        regarding.name?.toLowerCase() ?? 'N/A',
      ]
        .filter((part) => part !== undefined && part !== '')
        .join('/');
      return {
        severity: event.type?.[0] ?? '?',
        time,
        resource,
        reason: event.reason || 'N/A',
        note: event.note || 'N/A',
      };
    })
    .filter((row) => row.time === 0 || (row.time >= start - 5 && row.time <= stop + 15))
    .sort((a, b) => a.time - b.time);
  logger.debug(`Events (${rows.length}):`);
  const widths = ['resource', 'reason'].map((key) =>
    Math.max(key === 'resource' ? 8 : 6, ...rows.map((row) => row[key as 'resource' | 'reason'].length)),
  ) as [number, number];
  logger.debug(`  (S) TIME     ${'RESOURCE'.padEnd(widths[0])} ${'REASON'.padEnd(widths[1])} NOTE`);
  for (const row of rows) {
    const time = new Date(row.time * 1000).toTimeString().slice(0, 8);
    logger.debug(
      `- (${row.severity}) ${time} ${row.resource.padEnd(widths[0])} ${row.reason.padEnd(widths[1])} ${row.note}`,
    );
  }
}
