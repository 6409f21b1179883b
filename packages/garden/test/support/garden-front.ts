// The "front" of the sandbox apiserver that makes it a garden cluster: it answers
// `POST …/shoots/{name}/adminkubeconfig` (which a plain apiserver cannot serve) with a kubeconfig whose server
// is this front again, under `/clusters/<namespace>/<shoot>`, and proxies every other request to the apiserver.
// So the shoot's (and a managed seed's) cluster is the sandbox apiserver too, and the front can tell which
// requests came through which kubeconfig. Each issued kubeconfig carries a token of the front's own (swapped
// for the admin token on the way through), so tests can search files and logs for a credential no one else has.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, request as httpsRequest, type Server } from 'node:https';
import { join } from 'node:path';
import type { SandboxCluster } from './sandbox-garden';

export interface AdminKubeconfigRequestRecord {
  namespace: string;
  shoot: string;
  body: Record<string, unknown>;
}

export interface GardenFront {
  readonly url: string;
  /** Every adminkubeconfig request, in order. */
  readonly adminKubeconfigRequests: AdminKubeconfigRequestRecord[];
  /** `METHOD path` of the requests sent with a shoot kubeconfig, by `<namespace>/<shoot>`. */
  readonly clusterRequests: Map<string, string[]>;
  /** The bearer token of each issued admin kubeconfig, by `<namespace>/<shoot>`: a credential tests search for. */
  readonly issuedTokens: Map<string, string>;
  close(): Promise<void>;
}

const adminKubeconfigPath =
  /^\/apis\/core\.gardener\.cloud\/v1beta1\/namespaces\/([^/]+)\/shoots\/([^/]+)\/adminkubeconfig$/;
const clusterPrefix = /^\/clusters\/([^/]+)\/([^/]+)(\/.*)$/;

/** Starts the front on 127.0.0.1 with the apiserver's own certificate (signed by the sandbox CA). */
export async function startGardenFront(cluster: SandboxCluster): Promise<GardenFront> {
  const certDir = join(cluster.connection.stateDir, 'kube');
  const upstream = new URL(cluster.connection.kubeApiServerUrl);
  const adminKubeconfigRequests: AdminKubeconfigRequestRecord[] = [];
  const clusterRequests = new Map<string, string[]>();
  const issuedTokens = new Map<string, string>();
  let url = '';

  const server: Server = createServer(
    { cert: readFileSync(join(certDir, 'apiserver.crt')), key: readFileSync(join(certDir, 'apiserver.key')) },
    (req, res) => {
      const path = req.url ?? '/';
      const pathname = path.split('?')[0] ?? '';
      const admin = adminKubeconfigPath.exec(pathname);
      if (admin !== null && req.method === 'POST') {
        void answerAdminKubeconfig(
          req,
          res,
          decodeURIComponent(admin[1] ?? ''),
          decodeURIComponent(admin[2] ?? ''),
        );
        return;
      }
      const viaShoot = clusterPrefix.exec(path);
      if (viaShoot !== null) {
        const key = `${viaShoot[1]}/${viaShoot[2]}`;
        const forwarded = viaShoot[3] ?? '/';
        if (req.headers.authorization !== `Bearer ${issuedTokens.get(key)}`) {
          reply(res, 401, { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
          return;
        }
        clusterRequests.set(key, [
          ...(clusterRequests.get(key) ?? []),
          `${req.method} ${forwarded.split('?')[0]}`,
        ]);
        // The shoot token is this front's own; the apiserver behind it knows the admin token.
        req.headers.authorization = `Bearer ${cluster.connection.token}`;
        proxy(req, res, forwarded);
        return;
      }
      proxy(req, res, path);
    },
  );

  async function answerAdminKubeconfig(
    req: IncomingMessage,
    res: ServerResponse,
    namespace: string,
    shoot: string,
  ) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
    adminKubeconfigRequests.push({ namespace, shoot, body });
    if (req.headers.authorization !== `Bearer ${cluster.connection.token}`) {
      return reply(res, 401, { kind: 'Status', code: 401, reason: 'Unauthorized', message: 'Unauthorized' });
    }
    // Gardener answers 404 for a shoot that does not exist: ask the apiserver.
    const exists = await cluster.request(
      'GET',
      `/apis/core.gardener.cloud/v1beta1/namespaces/${namespace}/shoots/${shoot}`,
    );
    if (exists.status !== 200) {
      return reply(res, 404, {
        kind: 'Status',
        code: 404,
        reason: 'NotFound',
        message: `shoots.core.gardener.cloud "${shoot}" not found`,
      });
    }
    const key = `${namespace}/${shoot}`;
    const token = issuedTokens.get(key) ?? `shoot-token-${randomBytes(16).toString('hex')}`;
    issuedTokens.set(key, token);
    const kubeconfig = shootKubeconfigYaml(`${url}/clusters/${key}`, namespace, shoot, token);
    reply(res, 201, {
      apiVersion: 'authentication.gardener.cloud/v1alpha1',
      kind: 'AdminKubeconfigRequest',
      spec: body.spec ?? {},
      status: {
        kubeconfig: Buffer.from(kubeconfig).toString('base64'),
        expirationTimestamp: new Date(Date.now() + 86_400_000).toISOString(),
      },
    });
  }

  function shootKubeconfigYaml(server: string, namespace: string, shoot: string, token: string): string {
    const ca = Buffer.from(cluster.access.caPem ?? '').toString('base64');
    const name = `${namespace}--${shoot}`;
    return [
      'apiVersion: v1',
      'kind: Config',
      `current-context: ${name}`,
      'clusters:',
      `- name: ${name}`,
      '  cluster:',
      `    server: ${server}`,
      `    certificate-authority-data: ${ca}`,
      'users:',
      `- name: ${name}-admin`,
      '  user:',
      `    token: ${token}`,
      'contexts:',
      `- name: ${name}`,
      '  context:',
      `    cluster: ${name}`,
      `    user: ${name}-admin`,
      '',
    ].join('\n');
  }

  function proxy(req: IncomingMessage, res: ServerResponse, path: string) {
    const forward = httpsRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: { ...req.headers, host: upstream.host },
        ca: cluster.access.caPem,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => {
      if (!res.headersSent) reply(res, 502, { kind: 'Status', code: 502, message: 'front: upstream failed' });
      else res.destroy();
    });
    res.on('close', () => forward.destroy());
    req.pipe(forward);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `https://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
  return {
    url,
    adminKubeconfigRequests,
    clusterRequests,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
