// A plain-HTTP reverse proxy on 127.0.0.1 in front of the sandbox's API server that counts the requests one
// client sends, by verb, and the bytes the API server answers with. Both tools talk to their own proxy, so
// the Python tool and @chaosgarden/k8s are counted the same way.
import http from 'node:http';
import https from 'node:https';

/** list | watch | get | delete | other, from the method, the path and `watch=`. */
export function verbOf(method, url) {
  const { pathname, searchParams } = new URL(url, 'http://proxy');
  if (method === 'DELETE') return 'delete';
  if (method !== 'GET') return 'other';
  if (searchParams.get('watch') === 'true' || searchParams.get('watch') === '1') return 'watch';
  // /api/v1/[namespaces/<ns>/]<resource>[/<name>] and /apis/<group>/<version>/…
  const segments = pathname.split('/').filter(Boolean);
  const rest = segments[0] === 'api' ? segments.slice(2) : segments.slice(3);
  const scoped = rest[0] === 'namespaces' && rest.length >= 3 ? rest.slice(2) : rest;
  return scoped.length <= 1 ? 'list' : 'get';
}

export async function startCountingProxy(sandbox) {
  const upstream = new URL(sandbox.kubeApiServerUrl);
  const agent = new https.Agent({ keepAlive: true, ca: sandbox.caPem });
  const counts = { list: 0, watch: 0, get: 0, delete: 0, other: 0, responseBytes: 0 };
  const server = http.createServer((req, res) => {
    counts[verbOf(req.method, req.url)]++;
    const forwarded = https.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: upstream.host },
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.on('data', (chunk) => {
          counts.responseBytes += chunk.length;
        });
        answer.pipe(res);
      },
    );
    forwarded.on('error', () => res.destroy());
    res.on('close', () => forwarded.destroy());
    req.pipe(forwarded);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    snapshot: () => ({ ...counts }),
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** A kubeconfig for a client of the proxy (plain HTTP needs `insecure-skip-tls-verify` in both clients). */
export function proxyKubeconfig(url, token) {
  return {
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'bench',
    clusters: [{ name: 'bench', cluster: { server: url, 'insecure-skip-tls-verify': true } }],
    users: [{ name: 'bench', user: { token } }],
    contexts: [{ name: 'bench', context: { cluster: 'bench', user: 'bench' } }],
  };
}
