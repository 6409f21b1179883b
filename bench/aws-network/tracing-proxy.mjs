// A plain-HTTP reverse proxy on 127.0.0.1 in front of moto that records every EC2 request: its `Action`,
// when it arrived, when its answer was sent on, its status, and for ReplaceNetworkAclAssociation the ACL
// it moves a subnet to. Both tools are pointed at it the same way (ours by `awsEndpointUrl`, the Python
// tool by AWS_ENDPOINT_URL_EC2), so both are traced alike. It runs in a child process of its own
// (`startTracingProxyProcess`), so that proxying does not take turns with our tool in one event loop.
// (testkit's fault proxy counts requests by operation, but keeps no times, which the round trips need.)
import { fork } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';

/** CLOCK_MONOTONIC in ms: the same in every process of this machine (Node's hrtime, Python's clock). */
export const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * Starts the proxy in a child process; `take()` returns its records on this process's performance.now()
 * clock. @returns {Promise<{ url: string, take(): Promise<import('./trace.mjs').TracedRequest[]>, close(): Promise<void> }>}
 */
export async function startTracingProxyProcess(target) {
  const child = fork(fileURLToPath(import.meta.url), [target], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = [];
  child.on('message', (message) => pending.shift()?.resolve(message));
  child.on('exit', () => {
    for (const waiting of pending.splice(0)) waiting.reject(new Error('the tracing proxy ended'));
  });
  const ask = (message) =>
    new Promise((resolve, reject) => {
      pending.push({ resolve, reject });
      if (message !== undefined) child.send(message);
    });
  const { url } = await ask(undefined);
  const offset = monotonicMs() - performance.now();
  return {
    url,
    async take() {
      const { records } = await ask('take');
      return records.map((record) => ({ ...record, start: record.start - offset, end: record.end - offset }));
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('close');
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.send !== undefined) {
  const proxy = await startTracingProxy(process.argv[2], monotonicMs);
  process.on('message', async (message) => {
    if (message === 'take') process.send({ records: proxy.take() });
    if (message === 'close') {
      await proxy.close();
      process.disconnect();
    }
  });
  process.send({ url: proxy.url });
}

/**
 * The proxy in this process, times from `now`.
 * @returns {Promise<{ url: string, take(): import('./trace.mjs').TracedRequest[], close(): Promise<void> }>}
 */
export async function startTracingProxy(target, now = () => performance.now()) {
  const upstream = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let records = [];
  const server = http.createServer((req, res) => {
    const start = now();
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
        record.end = now();
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
