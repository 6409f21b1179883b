import { randomBytes } from 'node:crypto';
import {
  createKwokNodes,
  type KubeAccess,
  kubeAccess,
  kubeRequest,
  readSandboxConnection,
  type SandboxConnection,
} from '@chaosgarden/testkit';

/** Admin access to the sandbox, plus helpers that throw on unexpected answers. */
export interface SandboxCluster {
  readonly connection: SandboxConnection;
  readonly access: KubeAccess;
  /** An admin kubeconfig object pointing at `server` (default: the API server itself). */
  kubeconfig(server?: string, user?: Record<string, unknown>): Record<string, unknown>;
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expected?: number[],
  ): Promise<T>;
}

export function sandboxCluster(): SandboxCluster {
  const connection = readSandboxConnection();
  const access = kubeAccess(connection);
  return {
    connection,
    access,
    kubeconfig(server = connection.kubeApiServerUrl, user = { token: connection.token }) {
      return {
        'current-context': 'test',
        clusters: [
          {
            name: 'test',
            cluster: {
              server,
              'certificate-authority-data': Buffer.from(access.caPem ?? '').toString('base64'),
            },
          },
        ],
        users: [{ name: 'test', user }],
        contexts: [{ name: 'test', context: { cluster: 'test', user: 'test' } }],
      };
    },
    async call<T>(method: string, path: string, body?: unknown, expected?: number[]) {
      const response = await kubeRequest<T>(access, method, path, body === undefined ? {} : { body });
      const ok = expected ?? [200, 201, 202];
      if (!ok.includes(response.status)) {
        throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 400)}`);
      }
      return response.body;
    },
  };
}

/** A short random id, so each test file's namespaces and nodes are its own. */
export function runId(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function createNamespace(cluster: SandboxCluster, name: string): Promise<void> {
  await cluster.call('POST', '/api/v1/namespaces', { metadata: { name } });
}

export async function deleteNamespace(cluster: SandboxCluster, name: string): Promise<void> {
  await cluster.call('DELETE', `/api/v1/namespaces/${name}`, undefined, [200, 202, 404]);
}

export interface TestNode {
  name: string;
  zone: string;
  pool: string;
}

/** kwok nodes labelled `chaosgarden.test/run=<run>` and `worker.gardener.cloud/pool=<pool>`. */
export async function createTestNodes(
  cluster: SandboxCluster,
  run: string,
  layout: { zone: string; pool: string }[],
): Promise<TestNode[]> {
  const nodes = layout.map(({ zone, pool }) => ({ name: `${run}-${zone}-${pool}`, zone, pool }));
  await createKwokNodes(
    cluster.access,
    nodes.map((node) => ({
      name: node.name,
      zone: node.zone,
      region: 'us-east-1',
      labels: { 'chaosgarden.test/run': run, 'worker.gardener.cloud/pool': node.pool },
    })),
  );
  return nodes;
}

export async function deleteNodes(cluster: SandboxCluster, names: readonly string[]): Promise<void> {
  for (const name of names) {
    await cluster.call('DELETE', `/api/v1/nodes/${name}`, undefined, [200, 202, 404]);
  }
}

/** Polls until `check` returns a value (not undefined) or the time is up. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
