import { request } from 'node:https';

/** How to reach an HTTPS endpoint of the sandbox's control plane. */
export interface KubeAccess {
  readonly server: string;
  /** Bearer token; omitted for anonymous requests. */
  readonly token?: string;
  /** PEM bundle that signed the server certificate. */
  readonly caPem?: string;
}

export interface KubeResponse<T> {
  readonly status: number;
  readonly body: T;
  readonly text: string;
}

/**
 * A minimal JSON request to the Kubernetes API over node:https, so that the launcher needs no Kubernetes client
 * library. Non-2xx statuses are returned, not thrown; network errors are thrown.
 */
export async function kubeRequest<T = unknown>(
  access: KubeAccess,
  method: string,
  path: string,
  options: { body?: unknown; timeoutMs?: number; contentType?: string } = {},
): Promise<KubeResponse<T>> {
  const url = new URL(path, access.server);
  const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method,
        ca: access.caPem,
        timeout: options.timeoutMs ?? 10_000,
        headers: {
          accept: 'application/json',
          ...(access.token ? { authorization: `Bearer ${access.token}` } : {}),
          // An explicit length: Node sends DELETE bodies unframed (no chunked encoding by default).
          ...(payload
            ? {
                'content-type': options.contentType ?? 'application/json',
                'content-length': Buffer.byteLength(payload),
              }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // health endpoints answer plain text ("ok")
          }
          resolve({ status: res.statusCode ?? 0, body: body as T, text });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.pathname} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Resolves when `GET path` answers 200, else throws with the status and body (for `waitFor`). */
export async function expectHealthy(access: KubeAccess, path: string): Promise<true> {
  const response = await kubeRequest(access, 'GET', path, { timeoutMs: 5_000 });
  if (response.status !== 200) {
    throw new Error(`GET ${path}: ${response.status} ${response.text.slice(0, 500)}`);
  }
  return true;
}
