import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMemoryLogger } from '@chaosgarden/core';
import { afterEach, describe, expect, it } from 'vitest';
import { KubeApiError } from '../k8s-errors';
import { createKubeClient, type KubeClient } from './kube-client';

/** What the scripted API server does with one request: answer with a status, or cut the connection. */
type Step = number | 'reset' | { status: number; reason?: string; retryAfter?: string };

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** An API server answering with `steps` in order, then 200 `{}`; and a client for it. */
async function scripted(steps: Step[], retries?: number) {
  const seen: string[] = [];
  const server = http.createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    request.resume();
    const step = steps.shift() ?? 200;
    if (step === 'reset') return request.socket.resetAndDestroy();
    const { status, reason, retryAfter } = typeof step === 'number' ? { status: step } : step;
    response.writeHead(status, {
      'content-type': 'application/json',
      ...(retryAfter === undefined ? {} : { 'retry-after': retryAfter }),
    });
    response.end(
      JSON.stringify(status < 300 ? {} : { kind: 'Status', code: status, reason, message: 'scripted' }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const logger = createMemoryLogger();
  const client: KubeClient = await createKubeClient({
    kubeconfig: {
      object: {
        'current-context': 'c',
        clusters: [
          {
            name: 'c',
            // client-node refuses plain HTTP without insecure-skip-tls-verify
            cluster: {
              server: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
              'insecure-skip-tls-verify': true,
            },
          },
        ],
        users: [{ name: 'u', user: { token: 'unit-test-token' } }],
        contexts: [{ name: 'c', context: { cluster: 'c', user: 'u' } }],
      },
    },
    logger,
    ...(retries === undefined ? {} : { retries }),
  });
  cleanups.push(() => client.close());
  const warnings = () =>
    logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
  return { client, seen, warnings };
}

const deletePod = {
  verb: 'delete',
  path: '/api/v1/namespaces/n/pods/p',
  operation: 'delete pod n/p',
} as const;
const createPod = {
  verb: 'create',
  path: '/api/v1/namespaces/n/pods',
  body: {},
  operation: 'create pod n/p',
} as const;

describe('KubeClient retries', () => {
  it('retries a 503, a reset and a 500, logging one warning per retry that names the operation', async () => {
    const { client, seen, warnings } = await scripted([503, 'reset', 500]);
    await expect(client.request(deletePod)).resolves.toEqual({});
    expect(seen).toHaveLength(4);
    expect(warnings()).toHaveLength(3);
    for (const warning of warnings())
      expect(warning).toMatch(/^Retrying delete pod n\/p after KubeApiError: /);
    expect(warnings()[1]).toMatch(/ECONNRESET|socket hang up/);
  });

  it('waits as long as a 429 asks with Retry-After', async () => {
    const { client, warnings } = await scripted([
      { status: 429, reason: 'TooManyRequests', retryAfter: '1' },
    ]);
    const started = Date.now();
    await client.request({ verb: 'get', path: '/api/v1/pods', operation: 'list pods' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(warnings()).toEqual([expect.stringMatching(/^Retrying list pods after .*429.*next in 1\.0s/)]);
  });

  it('counts a 404 to a retried delete and a 409 AlreadyExists to a retried create as done', async () => {
    const deleting = await scripted(['reset', 404]);
    await expect(deleting.client.request(deletePod)).resolves.toBeUndefined();
    const creating = await scripted([502, { status: 409, reason: 'AlreadyExists' }]);
    await expect(creating.client.request(createPod)).resolves.toBeUndefined();
  });

  it('reports a 404 or 409 as such when no earlier attempt can have done the work', async () => {
    const deleting = await scripted([404]);
    await expect(deleting.client.request(deletePod)).rejects.toMatchObject({ statusCode: 404 });
    const throttled = await scripted([
      { status: 429, retryAfter: '0' },
      { status: 409, reason: 'AlreadyExists' },
    ]);
    await expect(throttled.client.request(createPod)).rejects.toMatchObject({ statusCode: 409 });
  });

  it('does not retry 403 or 410 Gone, and stops within the whole-call limit with the last answer', async () => {
    const forbidden = await scripted([403]);
    await expect(forbidden.client.request(deletePod)).rejects.toMatchObject({ statusCode: 403 });
    expect(forbidden.seen).toHaveLength(1);
    const gone = await scripted([{ status: 410, reason: 'Expired' }]);
    await expect(gone.client.request(deletePod)).rejects.toMatchObject({ statusCode: 410 });
    expect(gone.seen).toHaveLength(1);
    const down = await scripted(Array(50).fill(503));
    const failure = await down.client
      .request({ ...deletePod, timeoutMs: 1500 })
      .catch((error: unknown) => error);
    expect(KubeApiError.isInstance(failure)).toBe(true);
    expect((failure as KubeApiError).statusCode).toBe(503);
  });

  it('retries opening a watch that answers 503, and not at all with retries: 0', async () => {
    const { client, seen } = await scripted([503]);
    const stream = await client.openStream({
      verb: 'watch',
      path: '/api/v1/pods?watch=true',
      operation: 'watch pods',
    });
    stream.resume();
    expect(seen).toHaveLength(2);
    const once = await scripted([503], 0);
    await expect(once.client.request(deletePod)).rejects.toMatchObject({ statusCode: 503 });
    expect(once.seen).toHaveLength(1);
  });
});
