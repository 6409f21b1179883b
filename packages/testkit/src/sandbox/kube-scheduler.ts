import { join } from 'node:path';
import type { ControlPlaneCredentials } from './certificates';
import { expectHealthy } from './kube-api';
import { type ProcessRecord, spawnDetached, waitFor } from './processes';
import type { SandboxPaths } from './state-directory';

export interface KubeSchedulerService {
  readonly record: ProcessRecord;
  readonly healthUrl: string;
}

/** Starts kube-scheduler with its default profile, so pods land on kwok nodes as on real ones. */
export async function startKubeScheduler(
  paths: SandboxPaths,
  binDir: string,
  options: { port: number; kubeconfigPath: string; credentials: ControlPlaneCredentials; caPem: string },
): Promise<KubeSchedulerService> {
  const healthUrl = `https://127.0.0.1:${options.port}`;
  const record = await spawnDetached({
    name: 'kube-scheduler',
    command: join(binDir, 'kube-scheduler'),
    args: [
      `--kubeconfig=${options.kubeconfigPath}`,
      '--bind-address=127.0.0.1',
      `--secure-port=${options.port}`,
      `--tls-cert-file=${options.credentials.componentCertPath}`,
      `--tls-private-key-file=${options.credentials.componentKeyPath}`,
      '--leader-elect=false',
      '--profiling=false',
    ],
    logFile: join(paths.logsDir, 'kube-scheduler.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
  });
  await waitFor(() => expectHealthy({ server: healthUrl, caPem: options.caPem }, '/readyz'), {
    what: `kube-scheduler /readyz on ${healthUrl}`,
    timeoutMs: 60_000,
    process: record,
  });
  return { record, healthUrl };
}
