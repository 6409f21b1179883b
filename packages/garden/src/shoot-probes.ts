import { createLogger, defineAction } from '@chaosgarden/core';
import {
  type ClusterKeyResources,
  type ListClusterKeyResourcesOptions,
  listClusterKeyResources,
} from '@chaosgarden/k8s';
import { requestAdminKubeconfig } from './admin-kubeconfig';
import { shootProbeDeclarations } from './garden-declarations';
import type { GardenAccessOptions } from './garden-options';
import { withGardenSession } from './garden-session';

/** Options of `listShootClusterKeyResources`: the k8s selectors plus garden access. */
export interface ListShootClusterKeyResourcesOptions
  extends GardenAccessOptions,
    Omit<ListClusterKeyResourcesOptions, 'kubeconfig' | 'secrets' | 'configuration' | 'logger' | 'signal'> {}

/** The shoot's admin kubeconfig, requested through the garden cluster (kept in memory). */
export function shootKubeconfig(options: GardenAccessOptions): Promise<string> {
  return withGardenSession(options, (session) =>
    requestAdminKubeconfig(session.client, session.namespace, session.reference.shoot, session.signal),
  );
}

/**
 * Lists the shoot's nodes and the pods and leases the selectors select, logged at debug level and
 * returned as data; changes nothing (Python: `list_shoot_cluster_key_resources`).
 */
export const listShootClusterKeyResources = defineAction(
  shootProbeDeclarations.keyResources,
  listKeyResources,
);

async function listKeyResources(options: ListShootClusterKeyResourcesOptions): Promise<ClusterKeyResources> {
  const { configuration: _c, secrets: _s, kubeconfig: _k, logger, signal, ...selectors } = options;
  const yaml = await shootKubeconfig(options);
  return listClusterKeyResources({
    ...selectors,
    kubeconfig: { yaml },
    logger: logger ?? createLogger(),
    ...(signal === undefined ? {} : { signal }),
  });
}
