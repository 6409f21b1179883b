import { join } from 'node:path';
import type { ControlPlaneCredentials } from './certificates';
import { expectHealthy } from './kube-api';
import { type ProcessRecord, spawnDetached, waitFor } from './processes';
import type { SandboxPaths } from './state-directory';

export interface KubeApiServerService {
  readonly record: ProcessRecord;
  readonly url: string;
}

/** The in-cluster service network; nothing listens there, it only feeds ClusterIP allocation. */
export const serviceClusterIpRange = '10.0.0.0/24';

/**
 * Starts kube-apiserver on 127.0.0.1 with TLS from the sandbox CA, bearer-token authentication, RBAC, the
 * default admission plugins and service-account token signing. `--endpoint-reconciler-type=none`: the
 * `kubernetes` Service would otherwise get a loopback endpoint, which Endpoints validation rejects.
 */
export async function startKubeApiServer(
  paths: SandboxPaths,
  binDir: string,
  options: { port: number; etcdUrl: string; credentials: ControlPlaneCredentials; caPem: string },
): Promise<KubeApiServerService> {
  const { credentials, port } = options;
  const url = `https://127.0.0.1:${port}`;
  const record = await spawnDetached({
    name: 'kube-apiserver',
    command: join(binDir, 'kube-apiserver'),
    args: [
      `--etcd-servers=${options.etcdUrl}`,
      '--bind-address=127.0.0.1',
      '--advertise-address=127.0.0.1',
      `--secure-port=${port}`,
      `--tls-cert-file=${credentials.servingCertPath}`,
      `--tls-private-key-file=${credentials.servingKeyPath}`,
      `--client-ca-file=${credentials.caCertPath}`,
      `--token-auth-file=${credentials.tokensPath}`,
      '--authorization-mode=RBAC',
      `--service-account-issuer=${url}`,
      `--service-account-key-file=${credentials.serviceAccountPublicKeyPath}`,
      `--service-account-signing-key-file=${credentials.serviceAccountKeyPath}`,
      `--service-cluster-ip-range=${serviceClusterIpRange}`,
      '--endpoint-reconciler-type=none',
      '--allow-privileged=true',
      '--profiling=false',
    ],
    logFile: join(paths.logsDir, 'kube-apiserver.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
  });
  const access = { server: url, caPem: options.caPem, token: credentials.tokens.admin };
  // /readyz covers etcd, RBAC bootstrap roles and the other post-start hooks.
  await waitFor(() => expectHealthy(access, '/readyz'), {
    what: `kube-apiserver /readyz on ${url}`,
    timeoutMs: 90_000,
    process: record,
  });
  return { record, url };
}
