import { join } from 'node:path';
import type { ControlPlaneCredentials } from './certificates';
import { expectHealthy, type KubeAccess, kubeRequest } from './kube-api';
import { type ProcessRecord, spawnDetached, waitFor } from './processes';
import type { SandboxPaths } from './state-directory';

export interface KubeControllerManagerService {
  readonly record: ProcessRecord;
  readonly healthUrl: string;
}

/**
 * Starts kube-controller-manager with every on-by-default controller (Deployments, ReplicaSets, garbage
 * collection incl. foreground deletion, namespace finalisation, node lifecycle, service accounts and their
 * tokens) except node IPAM, which needs a cluster CIDR. Waits until the service-account controllers have
 * created `default/default`, which proves the controllers run with their own credentials.
 */
export async function startKubeControllerManager(
  paths: SandboxPaths,
  binDir: string,
  options: {
    port: number;
    kubeconfigPath: string;
    credentials: ControlPlaneCredentials;
    admin: KubeAccess;
  },
): Promise<KubeControllerManagerService> {
  const { credentials } = options;
  const healthUrl = `https://127.0.0.1:${options.port}`;
  const record = await spawnDetached({
    name: 'kube-controller-manager',
    command: join(binDir, 'kube-controller-manager'),
    args: [
      `--kubeconfig=${options.kubeconfigPath}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${options.port}`,
      `--tls-cert-file=${credentials.componentCertPath}`,
      `--tls-private-key-file=${credentials.componentKeyPath}`,
      '--leader-elect=false',
      '--controllers=*,-node-ipam-controller',
      '--use-service-account-credentials=true',
      `--service-account-private-key-file=${credentials.serviceAccountKeyPath}`,
      `--root-ca-file=${credentials.caCertPath}`,
      '--cluster-name=chaosgarden-sandbox',
      // Its default, /usr/libexec/kubernetes/..., would be created on the host.
      `--flex-volume-plugin-dir=${join(paths.kubeDir, 'flexvolume')}`,
      '--profiling=false',
    ],
    logFile: join(paths.logsDir, 'kube-controller-manager.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
  });
  await waitFor(() => expectHealthy({ server: healthUrl, caPem: options.admin.caPem }, '/healthz'), {
    what: `kube-controller-manager /healthz on ${healthUrl}`,
    timeoutMs: 60_000,
    process: record,
  });
  await waitFor(
    async () => {
      const response = await kubeRequest(
        options.admin,
        'GET',
        '/api/v1/namespaces/default/serviceaccounts/default',
      );
      return response.status === 200 ? true : undefined;
    },
    { what: 'the default ServiceAccount (service-account controller)', timeoutMs: 60_000, process: record },
  );
  return { record, healthUrl };
}
