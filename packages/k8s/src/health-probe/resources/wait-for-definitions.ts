import { abortableSleep } from '@chaosgarden/core';
import type { KubeClient } from '../../cluster/kube-client';
import { probeGroup } from './probe-resource-names';

interface DefinitionStatus {
  status?: { conditions?: { type?: string; status?: string }[] };
}

/**
 * Waits until both heartbeat definitions are `Established`, so the first heartbeats are not refused
 * with 404 (the Python tool started probing at once and counted such failures as API downtime).
 *
 * @returns the definitions still not established when `timeoutMs` ran out (empty when all are).
 */
export async function waitForHeartbeatDefinitions(
  client: KubeClient,
  timeoutMs = 60_000,
  signal?: AbortSignal,
): Promise<string[]> {
  const names = [`heartbeats.${probeGroup}`, `acknowledgedheartbeats.${probeGroup}`];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending: string[] = [];
    for (const name of names) {
      const definition = await client
        .request<DefinitionStatus>({
          verb: 'get',
          path: `/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${name}`,
          signal,
          operation: `get CustomResourceDefinition ${name}`,
        })
        .catch(() => undefined);
      const established = definition?.status?.conditions?.some(
        (condition) => condition.type === 'Established' && condition.status === 'True',
      );
      if (!established) pending.push(name);
    }
    if (pending.length === 0 || Date.now() >= deadline || signal?.aborted) return pending;
    await abortableSleep(250, signal);
  }
}
