import { createServer, type Server } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookTls } from '../resources/self-signed-certificate';
import { agentApi } from './agent-api';
import { readAgentSettings } from './agent-settings';
import { AgentState } from './agent-state';
import type { HeartbeatEmitter, HeartbeatObject } from './heartbeat-emitter';
import { apiProbe, dnsProbe, recordLagSeconds, timeRecordTarget, type WorkerContext } from './probe-workers';
import { resolveInChildProcess } from './resolve-name';

// A stand-in API server on localhost: /version answers 200 unless `failing` is set.
const tls = createWebhookTls('localhost');
let failing = false;
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer({ cert: tls.certificatePem, key: tls.keyPem }, (request, response) => {
    if (request.url === '/version' && !failing) response.writeHead(200).end('{"major":"1"}');
    else response.writeHead(503).end('{"message":"unavailable"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `https://localhost:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs a worker for about `rounds` rounds and returns what it enqueued. */
async function collect(
  worker: (context: WorkerContext) => Promise<void>,
  resolve: (name: string) => Promise<string>,
  ms: number,
): Promise<HeartbeatObject[]> {
  const settings = readAgentSettings(['probe'], {
    CHAOSGARDEN_PROBE_POD_NAME: 'p',
    CHAOSGARDEN_PROBE_POD_NAMESPACE: 'n',
    CHAOSGARDEN_PROBE_API_SERVER: url,
    CHAOSGARDEN_PROBE_INTERNAL_API_SERVER: url,
    CHAOSGARDEN_PROBE_TOKEN: 't',
    CHAOSGARDEN_PROBE_DNS_EXTERNAL_NAME: 'external.example',
    CHAOSGARDEN_PROBE_DNS_INTERNAL_NAME: 'internal.example',
  });
  const enqueued: HeartbeatObject[] = [];
  const state = new AgentState();
  const context: WorkerContext = {
    settings: { ...settings, caPem: tls.certificatePem },
    state,
    api: agentApi({ server: url, token: () => 't', caPem: tls.certificatePem }),
    emitter: {
      enqueue: (heartbeat: HeartbeatObject) => enqueued.push(heartbeat),
    } as unknown as HeartbeatEmitter,
    zone: 'zone-a',
    resolve,
  };
  const running = worker(context);
  await new Promise((wait) => setTimeout(wait, ms));
  state.terminate();
  await running;
  return enqueued;
}

describe('apiProbe', () => {
  it('sends api-external and api-internal Ready while /version answers, NotReady with the error otherwise', async () => {
    failing = false;
    const ok = await collect(apiProbe, async () => '', 200);
    expect(
      ok.slice(0, 2).map((heartbeat) => [heartbeat.metadata.name.replace(/-\d+$/, ''), heartbeat.ready]),
    ).toEqual([
      ['api-external-probe-zone-a', true],
      ['api-internal-probe-zone-a', true],
    ]);
    failing = true;
    const down = await collect(apiProbe, async () => '', 200);
    expect(down[0]).toMatchObject({
      ready: false,
      payload: expect.stringContaining('failed with 503: unavailable'),
    });
  });
});

describe('dnsProbe', () => {
  it('sends dns-external / dns-internal with the resolved address, NotReady with the error', async () => {
    let calls = 0;
    const heartbeats = await collect(
      dnsProbe,
      async (name) => {
        calls++;
        if (calls > 2 && name === 'internal.example') throw new Error('ENOTFOUND');
        return name === 'external.example' ? '10.0.0.1' : '10.96.0.1';
      },
      200,
    );
    expect(
      heartbeats.map((heartbeat) => [
        heartbeat.metadata.name.replace(/-\d+$/, ''),
        heartbeat.ready,
        heartbeat.payload,
      ]),
    ).toEqual([
      ['dns-external-probe-zone-a', true, '10.0.0.1'],
      ['dns-internal-probe-zone-a', false, 'Error: ENOTFOUND'],
    ]);
  });

  it('sends no DNS heartbeat at all when the baseline resolution fails', async () => {
    const heartbeats = await collect(dnsProbe, async () => Promise.reject(new Error('no resolver')), 200);
    expect(heartbeats).toEqual([]);
  });
});

describe('resolveInChildProcess', () => {
  it('resolves to an IPv4 address in a fresh process and rejects unknown names', async () => {
    expect(await resolveInChildProcess('localhost')).toBe('127.0.0.1');
    await expect(resolveInChildProcess('no-such-host.invalid')).rejects.toThrow(
      /Resolving no-such-host.invalid failed/,
    );
  });
});

describe('dns-management record time', () => {
  it('encodes the UTC time of day in the target and measures the lag, wrapping at midnight', () => {
    expect(timeRecordTarget(new Date('2026-01-01T13:04:05Z'))).toBe('10.13.4.5');
    expect(recordLagSeconds('10.13.4.5', new Date('2026-01-01T13:05:10Z'))).toBe(65);
    expect(recordLagSeconds('10.23.59.50', new Date('2026-01-02T00:00:05Z'))).toBe(15);
  });
});
