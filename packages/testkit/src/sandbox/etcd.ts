import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { GoToolsModule } from './go-build';
import { type ProcessRecord, spawnDetached, waitFor } from './processes';
import type { SandboxPaths } from './state-directory';

/**
 * etcd from `tools/etcd` (go.etcd.io/etcd/server/v3 at the release Kubernetes expects). Debian's etcd-server
 * (3.4.23) lacks the health endpoints Kubernetes >= 1.31 relies on, so it is built like the control plane.
 */
export const etcdTools: GoToolsModule = {
  component: 'etcd',
  directory: 'etcd',
  versionModule: 'go.etcd.io/etcd/server/v3',
  packages: ['go.etcd.io/etcd/server/v3'],
  ldflags: () => [],
  // `go build -o dir/` names a `/v3` main package after its parent directory: `server`.
  afterBuild: async ({ binDir }) => rename(join(binDir, 'server'), join(binDir, 'etcd')),
  afterBuildRevision: 'rename-server-to-etcd',
};

export interface EtcdService {
  readonly record: ProcessRecord;
  readonly url: string;
}

/** Starts a single-member etcd on loopback (client and peer ports), without fsync: test data only. */
export async function startEtcd(
  paths: SandboxPaths,
  binDir: string,
  ports: { client: number; peer: number },
): Promise<EtcdService> {
  const url = `http://127.0.0.1:${ports.client}`;
  const peerUrl = `http://127.0.0.1:${ports.peer}`;
  const record = await spawnDetached({
    name: 'etcd',
    command: join(binDir, 'etcd'),
    args: [
      '--name=sandbox',
      `--data-dir=${paths.etcdDataDir}`,
      `--listen-client-urls=${url}`,
      `--advertise-client-urls=${url}`,
      `--listen-peer-urls=${peerUrl}`,
      `--initial-advertise-peer-urls=${peerUrl}`,
      `--initial-cluster=sandbox=${peerUrl}`,
      '--initial-cluster-state=new',
      '--unsafe-no-fsync',
      '--log-level=warn',
    ],
    logFile: join(paths.logsDir, 'etcd.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
  });
  await waitFor(() => etcdHealthy(url), { what: `etcd on ${url}`, timeoutMs: 30_000, process: record });
  return { record, url };
}

/** `GET /health` answers `{"health":"true"}` once etcd has a leader. */
export async function etcdHealthy(url: string): Promise<true> {
  const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { health?: string };
  if (body.health !== 'true') throw new Error(`etcd /health: ${JSON.stringify(body)}`);
  return true;
}
