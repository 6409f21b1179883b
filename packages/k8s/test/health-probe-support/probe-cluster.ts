import { createKubeClient, type KubeClient } from '../../src/cluster/kube-client';
import { objectPath } from '../../src/health-probe/resources/manifest-paths';
import { probeManifests } from '../../src/health-probe/resources/probe-manifests';
import { probeNamespace } from '../../src/health-probe/resources/probe-resource-names';
import { statusCodeOf } from '../../src/k8s-errors';
import { type SandboxCluster, sandboxCluster, waitFor } from '../support/sandbox-cluster';

// biome-ignore lint/suspicious/noExplicitAny: raw API JSON, read field by field
type PodJson = Record<string, any>;

export interface ProbePod {
  name: string;
  role: string;
  nodeName: string | undefined;
  phase: string | undefined;
  deleting: boolean;
}

/** Admin access to the sandbox for the health-probe tests. */
export async function probeTestCluster(): Promise<{
  sandbox: SandboxCluster;
  client: KubeClient;
  kubeconfigPath: string;
}> {
  const sandbox = sandboxCluster();
  const kubeconfigPath = sandbox.connection.kubeconfigPath;
  return {
    sandbox,
    client: await createKubeClient({ kubeconfig: { path: kubeconfigPath } }),
    kubeconfigPath,
  };
}

export async function listProbePods(client: KubeClient): Promise<ProbePod[]> {
  const list = await client.request<{ items: PodJson[] }>({
    verb: 'list',
    path: `/api/v1/namespaces/${probeNamespace}/pods`,
    operation: 'list probe pods',
  });
  return list.items.map((pod) => ({
    name: pod.metadata.name,
    role: pod.metadata.labels?.['chaos.gardener.cloud/role'],
    nodeName: pod.spec.nodeName,
    phase: pod.status?.phase,
    deleting: pod.metadata.deletionTimestamp !== undefined,
  }));
}

/** Every probe resource that still exists, as `Kind name`. */
export async function existingProbeResources(client: KubeClient): Promise<string[]> {
  const manifests = probeManifests({
    replicas: 1,
    agentSource: '',
    image: '',
    tls: { certificatePem: '', keyPem: '' },
  });
  const found: string[] = [];
  for (const manifest of manifests) {
    try {
      await client.request({ verb: 'get', path: objectPath(manifest), operation: 'get' });
      found.push(`${manifest.kind} ${manifest.metadata.name}`);
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
  }
  return found;
}

/** `waitFor` with the longer patience the probe's set-up and roll-back need. */
export function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 60_000,
): Promise<T> {
  return waitFor(what, check, timeoutMs);
}
