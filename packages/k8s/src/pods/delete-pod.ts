import type { KubeClient } from '../cluster/kube-client';
import { statusCodeOf } from '../k8s-errors';

export interface DeletePodOptions {
  client: KubeClient;
  namespace: string;
  name: string;
  /** Only this incarnation is deleted (a pod re-created under the same name is left alone). */
  uid: string;
  /** `gracePeriodSeconds` sent to the API server. */
  gracePeriod: number;
}

/**
 * Deletes one pod (timeout 15 s, as in the Python tool). `gone` when it no longer exists or was
 * replaced by a pod of the same name.
 *
 * @throws KubeApiError for every other failure (403, 5xx, connection).
 */
export async function deletePod(options: DeletePodOptions): Promise<'deleted' | 'gone'> {
  const { client, namespace, name, uid, gracePeriod } = options;
  try {
    await client.request({
      verb: 'delete',
      path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}`,
      body: {
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        gracePeriodSeconds: gracePeriod,
        preconditions: { uid },
      },
      timeoutMs: 15_000,
      operation: `delete pod ${namespace}/${name}`,
    });
    return 'deleted';
  } catch (error) {
    const status = statusCodeOf(error);
    if (status === 404 || status === 409) {
      return 'gone';
    }
    throw error;
  }
}
