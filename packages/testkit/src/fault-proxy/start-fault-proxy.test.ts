import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeVpcsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultProxy, FaultProxyOptions } from './fault-proxy-options';
import { startFaultProxy } from './start-fault-proxy';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A backend that answers `ok <n>` and counts what reached it; `/stream` sends three chunks 100 ms apart. */
async function startBackend() {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    if (request.url === '/stream') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const timer = setInterval(() => {
        response.write(`chunk ${++sent}\n`);
        if (sent === 3) {
          clearInterval(timer);
          response.end();
        }
      }, 100);
      return;
    }
    request.resume();
    request.on('end', () => response.end(`ok ${seen.length}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

async function proxyTo(target: string, options: Partial<FaultProxyOptions>): Promise<FaultProxy> {
  const proxy = await startFaultProxy({
    target,
    failureRate: 0.3,
    flavor: 'kube',
    delayMs: [1, 5],
    log: () => undefined,
    ...options,
  });
  cleanups.push(() => proxy.close());
  return proxy;
}

/** One request on a fresh connection; `reset` when the connection was cut before an answer. */
function send(url: string, method = 'GET', body?: string): Promise<Answer | 'reset'> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => {
        text += chunk.toString('utf8');
      });
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
      );
    });
    request.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' ? resolve('reset') : reject(error),
    );
    request.end(body);
  });
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

function outcome(answer: Answer | 'reset'): string {
  return answer === 'reset' ? 'reset' : String(answer.status);
}

describe('startFaultProxy', () => {
  it('faults roughly the configured share of requests with every kind, and the backend never sees a refused one', async () => {
    const backend = await startBackend();
    const proxy = await proxyTo(backend.url, { failureRate: 0.3, seed: 7 });
    const outcomes: string[] = [];
    for (let index = 0; index < 400; index++) outcomes.push(outcome(await send(`${proxy.url}/api/v1/pods`)));
    const stats = proxy.stats();
    const faults = Object.values(stats.faults).reduce((sum, count) => sum + count, 0);
    expect(stats.requests).toBe(400);
    expect(faults / 400).toBeGreaterThan(0.22);
    expect(faults / 400).toBeLessThan(0.38);
    for (const count of Object.values(stats.faults)) expect(count).toBeGreaterThan(10);
    expect(outcomes.filter((entry) => entry === '429')).toHaveLength(stats.faults.throttle);
    expect(outcomes.filter((entry) => entry === '500' || entry === '503')).toHaveLength(
      stats.faults.serverError,
    );
    expect(outcomes.filter((entry) => entry === 'reset')).toHaveLength(stats.faults.connectionReset);
    // Delayed requests go through; refused ones never reach the backend.
    expect(backend.seen).toHaveLength(
      400 - stats.faults.throttle - stats.faults.serverError - stats.faults.connectionReset,
    );
    expect(stats.byOperation['GET /api/v1/pods']?.requests).toBe(400);
  });

  it('repeats the same sequence of faults for the same seed, and another for another seed', async () => {
    const backend = await startBackend();
    const sequence = async (seed: number) => {
      const proxy = await proxyTo(backend.url, { failureRate: 0.5, seed });
      const outcomes: string[] = [];
      for (let index = 0; index < 40; index++) outcomes.push(outcome(await send(proxy.url)));
      return outcomes;
    };
    const first = await sequence(1234);
    expect(await sequence(1234)).toEqual(first);
    expect(await sequence(4321)).not.toEqual(first);
  });

  it('answers throttling in the Kubernetes Status shape with Retry-After', async () => {
    const proxy = await proxyTo('http://127.0.0.1:1', {
      failureRate: 1,
      mix: { throttle: 1 },
      retryAfterSeconds: 2,
    });
    const answer = await send(`${proxy.url}/api/v1/namespaces/default/pods`, 'POST', '{}');
    expect(answer).toMatchObject({ status: 429, headers: { 'retry-after': '2' } });
    expect(JSON.parse((answer as Answer).text)).toMatchObject({
      kind: 'Status',
      code: 429,
      reason: 'TooManyRequests',
    });
    expect(Object.keys(proxy.stats().byOperation)).toEqual(['POST /api/v1/namespaces/default/pods']);
  });

  it.each([
    ['throttle', 'RequestLimitExceeded'],
    ['serverError', /^(Unavailable|InternalError)$/],
  ] as const)(
    'answers a %s the way the EC2 SDK reads it (%s), counted under the EC2 action',
    async (kind, code) => {
      const proxy = await proxyTo('http://127.0.0.1:1', {
        failureRate: 1,
        mix: { [kind]: 1 },
        flavor: 'aws',
      });
      const ec2 = new EC2Client({
        region: 'us-east-1',
        endpoint: proxy.url,
        credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
        maxAttempts: 1,
      });
      cleanups.push(async () => ec2.destroy());
      const failure = await ec2.send(new DescribeVpcsCommand({})).catch((error: unknown) => error);
      expect((failure as Error).name).toMatch(code);
      expect(proxy.stats().byOperation.DescribeVpcs?.faults[kind]).toBe(1);
    },
  );

  it('forwards spared requests untouched even at a failure rate of 1', async () => {
    const backend = await startBackend();
    const proxy = await proxyTo(backend.url, {
      failureRate: 1,
      mix: { serverError: 1 },
      spare: (request) => request.operation.endsWith('(watch)'),
    });
    expect(outcome(await send(`${proxy.url}/api/v1/pods?watch=true`))).toBe('200');
    expect(outcome(await send(`${proxy.url}/api/v1/pods`))).toMatch(/^50[03]$/);
    expect(proxy.stats().byOperation['GET /api/v1/pods (watch)']).toEqual({
      requests: 1,
      held: 0,
      faults: { throttle: 0, serverError: 0, connectionReset: 0, delay: 0 },
    });
  });

  it('holds the requests `hold` picks open without an answer until the client gives up, and counts them', async () => {
    const backend = await startBackend();
    let holding = true;
    const proxy = await proxyTo(backend.url, {
      failureRate: 0,
      hold: (request) => holding && request.method === 'POST',
    });
    const client = new AbortController();
    const answer = fetch(`${proxy.url}/api/v1/pods`, { method: 'POST', body: '{}', signal: client.signal });
    await until(() => proxy.stats().held === 1);
    // Other requests still go through while one is held.
    expect(outcome(await send(`${proxy.url}/api/v1/pods`))).toBe('200');
    client.abort();
    await expect(answer).rejects.toThrow();
    expect(backend.seen).toEqual(['GET /api/v1/pods']);
    holding = false;
    expect(outcome(await send(`${proxy.url}/api/v1/pods`, 'POST', '{}'))).toBe('200');
    expect(proxy.stats()).toMatchObject({ requests: 3, held: 1 });
  });

  it('streams an answer through chunk by chunk, as a watch needs', async () => {
    const backend = await startBackend();
    const proxy = await proxyTo(backend.url, { failureRate: 0 });
    const arrivals = await new Promise<number[]>((resolve, reject) => {
      const started = Date.now();
      const times: number[] = [];
      http
        .get(`${proxy.url}/stream`, (response) => {
          response.on('data', () => times.push(Date.now() - started));
          response.on('end', () => resolve(times));
        })
        .on('error', reject);
    });
    expect(arrivals.length).toBeGreaterThanOrEqual(3);
    // The first chunk arrived well before the backend finished (300 ms).
    expect(arrivals[0]).toBeLessThan(250);
  });
});
