// Admin access to the sandbox apiserver, which plays the garden cluster, the shoot cluster and the seed.
import { randomBytes } from 'node:crypto';
import {
  type KubeAccess,
  type KubeResponse,
  kubeAccess,
  kubeRequest,
  readSandboxConnection,
  type SandboxConnection,
} from '@chaosgarden/testkit';

export interface SandboxCluster {
  readonly connection: SandboxConnection;
  readonly access: KubeAccess;
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<KubeResponse<T>>;
  /** Like `request`, but throws unless the status is one of `expected` (default 200, 201, 202). */
  call<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    expected?: number[],
  ): Promise<T>;
  waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs?: number): Promise<T>;
}

export function sandboxCluster(): SandboxCluster {
  const connection = readSandboxConnection();
  const access = kubeAccess(connection);
  const request = <T>(method: string, path: string, body?: unknown) =>
    kubeRequest<T>(access, method, path, body === undefined ? {} : { body });
  return {
    connection,
    access,
    request,
    async call<T>(method: string, path: string, body?: unknown, expected = [200, 201, 202]) {
      const response = await request<T>(method, path, body);
      if (!expected.includes(response.status)) {
        throw new Error(`${method} ${path}: ${response.status} ${response.text.slice(0, 400)}`);
      }
      return response.body;
    },
    async waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const value = await check().catch(() => undefined);
        if (value !== undefined) return value;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`Timed out waiting for ${what}`);
    },
  };
}

/** A short random id, so each test's projects and namespaces are its own. */
export function runId(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** A kubeconfig object for `server` with the sandbox admin token and CA. */
export function kubeconfigFor(cluster: SandboxCluster, server: string): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'sandbox',
    clusters: [
      {
        name: 'sandbox',
        cluster: {
          server,
          'certificate-authority-data': Buffer.from(cluster.access.caPem ?? '').toString('base64'),
        },
      },
    ],
    users: [{ name: 'admin', user: { token: cluster.connection.token } }],
    contexts: [{ name: 'sandbox', context: { cluster: 'sandbox', user: 'admin' } }],
  };
}
