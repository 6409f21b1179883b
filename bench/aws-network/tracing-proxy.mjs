// A plain-HTTP reverse proxy on 127.0.0.1 in front of moto that records every EC2 request: its `Action`,
// when it arrived, when its answer was sent on (performance.now() of this process), its status, and for
// ReplaceNetworkAclAssociation the ACL it moves a subnet to. Both tools are pointed at it the same way
// (ours by `awsEndpointUrl`, the Python tool by AWS_ENDPOINT_URL_EC2), so both are traced alike.
// (testkit's fault proxy counts requests by operation, but keeps no times, which the round trips need.)
import http from 'node:http';

/** @returns {Promise<{ url: string, take(): import('./trace.mjs').TracedRequest[], close(): Promise<void> }>} */
export async function startTracingProxy(target) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let records = [];
  const server = http.createServer((req, res) => {
    const start = performance.now();
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const record = { ...describeRequest(req.url ?? '/', body), start, end: Number.NaN, status: 0 };
      const forwarded = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host },
          agent,
        },
        (answer) => {
          record.status = answer.statusCode ?? 0;
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      res.on('finish', () => {
        record.end = performance.now();
        records.push(record);
      });
      forwarded.on('error', () => res.destroy());
      forwarded.end(body);
    });
  });
  server.keepAliveTimeout = 120_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** The requests answered since the last call, and forgets them. */
    take() {
      const taken = records;
      records = [];
      return taken;
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      agent.destroy();
    },
  };
}

/** The EC2 `Action` of a query-protocol request (form body, else the URL), and the target ACL of a move. */
export function describeRequest(url, body) {
  const form = new URLSearchParams(body.toString('utf8'));
  const query = new URL(url, 'http://proxy.invalid').searchParams;
  const operation = form.get('Action') ?? query.get('Action') ?? 'other';
  const networkAclId = form.get('NetworkAclId') ?? query.get('NetworkAclId') ?? undefined;
  return operation === 'ReplaceNetworkAclAssociation' && networkAclId !== undefined
    ? { operation, networkAclId }
    : { operation };
}
