import { InvalidArgumentError } from '@chaosgarden/core';
import { type PodSelectorOptions, selectorText, supplementSelector } from '@chaosgarden/k8s';
import { registerKubeconfigCredentials, requestAdminKubeconfig } from './admin-kubeconfig';
import { GardenResourceError } from './garden-resource-error';
import { type GardenSession, technicalIdOf } from './garden-session';
import { readManagedSeedShoot, readSecretData, readSeed } from './gardener-resources';
import { podZones, resolveZone, type ZoneReference } from './zones';

/** Whose pods: any shoot pod, the shoot's Gardener-managed `kube-system` pods, or its control plane on the seed. */
export type PodTarget = 'workers' | 'system-components' | 'control-plane';

/** The cluster and the selectors a pod target resolves to. */
export interface ResolvedPodTarget {
  /** Kubeconfig text of the shoot (or seed), in memory only. */
  kubeconfigYaml: string;
  zone: string;
  selectors: {
    podNodeLabelSelector: string;
    podLabelSelector: string;
    podMetadataSelector: string;
    podOwnerSelector: string;
  };
}

/**
 * Resolves a pod target (spec garden.md §4): the cluster to act on, the zone, and the selectors the
 * target adds to the caller's. Unlike the Python tool, a control-plane zone that cannot be resolved is an
 * error, never "every zone".
 */
export async function resolvePodTarget(
  session: GardenSession,
  target: PodTarget,
  options: PodSelectorOptions & {
    zone?: ZoneReference | null | undefined;
    ignoreDaemonSets?: boolean | undefined;
  },
): Promise<ResolvedPodTarget> {
  const { kubeconfigYaml, zone } =
    target === 'control-plane'
      ? await controlPlaneCluster(session, options.zone)
      : {
          zone: resolveZone(options.zone, podZones(session.shoot.spec)),
          kubeconfigYaml: await requestAdminKubeconfig(
            session.client,
            session.namespace,
            session.reference.shoot,
            session.signal,
          ),
        };
  const technicalId = technicalIdOf(session.shoot);
  if (target === 'control-plane' && technicalId === undefined) {
    throw new GardenResourceError(
      `Shoot ${session.namespace}/${session.reference.shoot} has no status.technicalID.`,
    );
  }
  const selectors = targetSelectors(target, options, zone, technicalId ?? '');
  return { kubeconfigYaml, zone, selectors };
}

/**
 * The selectors a target adds to the caller's (spec garden.md §4): the zone on the node labels;
 * `kind!=DaemonSet` for the control plane and with `ignoreDaemonSets`; the control plane's role labels
 * and namespace (the shoot's technical id); Gardener-managed pods in `kube-system` for system components.
 */
export function targetSelectors(
  target: PodTarget,
  options: PodSelectorOptions & { ignoreDaemonSets?: boolean | undefined },
  zone: string,
  technicalId: string,
): ResolvedPodTarget['selectors'] {
  let podLabelSelector = selectorText(options.podLabelSelector);
  let podMetadataSelector = selectorText(options.podMetadataSelector);
  let podOwnerSelector = selectorText(options.podOwnerSelector);
  if (target === 'control-plane' || options.ignoreDaemonSets === true) {
    podOwnerSelector = supplementSelector(podOwnerSelector, 'kind!=DaemonSet');
  }
  if (target === 'control-plane') {
    podLabelSelector = supplementSelector(podLabelSelector, 'gardener.cloud/role in (controlplane,vpa)');
    podMetadataSelector = supplementSelector(podMetadataSelector, `namespace=${technicalId}`);
  }
  if (target === 'system-components') {
    podLabelSelector = supplementSelector(podLabelSelector, 'resources.gardener.cloud/managed-by=gardener');
    podMetadataSelector = supplementSelector(podMetadataSelector, 'namespace=kube-system');
  }
  return {
    podNodeLabelSelector: supplementSelector(
      options.podNodeLabelSelector,
      `topology.kubernetes.io/zone=${zone}`,
    ),
    podLabelSelector,
    podMetadataSelector,
    podOwnerSelector,
  };
}

/**
 * The seed's kubeconfig and the zone there. A managed seed (a shoot `garden/<seed>`) gets an admin
 * kubeconfig and its zones as nodes label them; any other seed is reached through `spec.secretRef`, with
 * the zones of `spec.provider.zones`.
 */
async function controlPlaneCluster(
  session: GardenSession,
  zone: ZoneReference | null | undefined,
): Promise<{ kubeconfigYaml: string; zone: string }> {
  const { client, shoot, signal } = session;
  const seedName = shoot.spec?.seedName;
  if (typeof seedName !== 'string' || seedName === '') {
    throw new GardenResourceError(
      `Shoot ${session.namespace}/${session.reference.shoot} has no spec.seedName (not scheduled yet?).`,
    );
  }
  const seed = await readSeed(client, seedName, signal);
  const seedShoot = await readManagedSeedShoot(client, seedName, signal);
  if (seedShoot !== undefined) {
    const resolved = resolveZone(zone, podZones(seedShoot.spec));
    return {
      zone: resolved,
      kubeconfigYaml: await requestAdminKubeconfig(client, 'garden', seedName, signal),
    };
  }
  const secretRef = seed.spec?.secretRef as { name?: unknown; namespace?: unknown } | undefined;
  if (typeof secretRef?.name !== 'string' || typeof secretRef.namespace !== 'string') {
    throw new GardenResourceError(
      `Seed ${seedName} is neither a managed seed (no shoot garden/${seedName}) nor has it a spec.secretRef: chaosgarden cannot reach its cluster.`,
    );
  }
  const seedZones = (seed.spec?.provider as { zones?: unknown } | undefined)?.zones;
  const known = Array.isArray(seedZones)
    ? seedZones.filter((item): item is string => typeof item === 'string')
    : [];
  const resolved = known.length > 0 || typeof zone !== 'string' ? resolveZone(zone, known) : zone;
  if (resolved.trim() === '') {
    throw new InvalidArgumentError({ argument: 'zone', message: 'Zone not set (must be set)!' });
  }
  const data = await readSecretData(client, secretRef.namespace, secretRef.name, signal);
  const kubeconfigYaml = data.kubeconfig;
  if (kubeconfigYaml === undefined || kubeconfigYaml === '') {
    throw new GardenResourceError(
      `Secret ${secretRef.namespace}/${secretRef.name} of seed ${seedName} has no kubeconfig.`,
    );
  }
  registerKubeconfigCredentials(kubeconfigYaml);
  return { zone: resolved, kubeconfigYaml };
}
