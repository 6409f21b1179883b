import type { KubeClient } from '../../cluster/kube-client';
import { statusCodeOf } from '../../k8s-errors';
import { parseHeartbeatName } from '../metrics/heartbeat-name';
import { holderAnnotation, probeGroup, probeNamespace } from '../resources/probe-resource-names';
import type { ProbeInstallSeen } from './decide-probe-guard';

interface NamespaceJson {
  metadata?: { deletionTimestamp?: string; annotations?: Record<string, string> };
  status?: { phase?: string };
}

interface HeartbeatListJson {
  items?: { metadata?: { name?: string; creationTimestamp?: string } }[];
}

/** Reads the probe namespace and, only when it carries no holder mark, how old the youngest heartbeat is. */
export async function readProbeInstall(
  client: KubeClient,
  signal: AbortSignal | undefined,
  now = new Date(),
): Promise<ProbeInstallSeen> {
  const namespace = await readProbeNamespace(client, signal);
  if (namespace === undefined) return {};
  const seen = {
    terminating:
      namespace.metadata?.deletionTimestamp !== undefined || namespace.status?.phase === 'Terminating',
    holderAnnotation: namespace.metadata?.annotations?.[holderAnnotation],
  };
  if (seen.holderAnnotation !== undefined || seen.terminating) return { namespace: seen };
  const newest = await newestHeartbeatSeconds(client, signal);
  return {
    namespace: seen,
    newestHeartbeatAgeSeconds: newest === undefined ? undefined : now.getTime() / 1000 - newest,
  };
}

/** The probe namespace, or `undefined` when it does not exist. */
export async function readProbeNamespace(
  client: KubeClient,
  signal: AbortSignal | undefined,
): Promise<NamespaceJson | undefined> {
  try {
    return await client.request<NamespaceJson>({
      verb: 'get',
      path: `/api/v1/namespaces/${probeNamespace}`,
      signal,
      operation: `get Namespace ${probeNamespace}`,
    });
  } catch (error) {
    if (statusCodeOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * Unix seconds of the youngest heartbeat of either kind: the later of its name's time stamp (the
 * emitter's clock) and its creation time (the API server's), so one skewed clock does not hide a live probe.
 */
async function newestHeartbeatSeconds(
  client: KubeClient,
  signal: AbortSignal | undefined,
): Promise<number | undefined> {
  let newest: number | undefined;
  for (const plural of ['heartbeats', 'acknowledgedheartbeats']) {
    let list: HeartbeatListJson | undefined;
    try {
      list = await client.request<HeartbeatListJson>({
        verb: 'list',
        path: `/apis/${probeGroup}/v1/${plural}`,
        signal,
        operation: `list ${plural}`,
      });
    } catch (error) {
      if (statusCodeOf(error) === 404) continue; // the definition is gone: no heartbeats of this kind
      throw error;
    }
    for (const item of list?.items ?? []) {
      const fromName = parseHeartbeatName(item.metadata?.name ?? '')?.timestamp;
      const created = Date.parse(item.metadata?.creationTimestamp ?? '') / 1000;
      for (const seconds of [fromName, created]) {
        if (seconds !== undefined && Number.isFinite(seconds) && (newest === undefined || seconds > newest)) {
          newest = seconds;
        }
      }
    }
  }
  return newest;
}
