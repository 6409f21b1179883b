import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebhookTls } from '../resources/self-signed-certificate';
import { portOf, startWebhookServer } from './webhook-server';

const tls = createWebhookTls('probe.chaos-garden-probe.svc');
let server: Awaited<ReturnType<typeof startWebhookServer>>;

beforeAll(async () => {
  server = await startWebhookServer({
    certPem: tls.certificatePem,
    keyPem: tls.keyPem,
    host: '127.0.0.1',
    port: 0,
    podName: 'probe-x',
    zone: 'zone-b',
  });
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// Verifies the server certificate against the CA bundle the webhook configuration carries.
function call(method: string, path: string, body?: unknown): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: portOf(server),
        method,
        path,
        ca: tls.certificatePem,
        servername: 'probe.chaos-garden-probe.svc',
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('the web-hook server', () => {
  it('answers /livez and /readyz with OK over TLS the caBundle trusts', async () => {
    expect(await call('GET', '/readyz')).toEqual({ status: 200, text: 'OK' });
    expect(await call('GET', '/livez')).toEqual({ status: 200, text: 'OK' });
  });

  it('acknowledges a heartbeat: allowed, same uid, JSON patch setting ready and naming pod and zone', async () => {
    const answer = await call('POST', '/webhook', {
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      request: { uid: 'uid-7' },
    });
    const review = JSON.parse(answer.text);
    expect(review).toMatchObject({
      apiVersion: 'admission.k8s.io/v1',
      kind: 'AdmissionReview',
      response: {
        allowed: true,
        uid: 'uid-7',
        status: { message: 'Probe heartbeat acknowledged by probe-x' },
        patchType: 'JSONPatch',
      },
    });
    expect(JSON.parse(Buffer.from(review.response.patch, 'base64').toString())).toEqual([
      { op: 'replace', path: '/ready', value: true },
      { op: 'add', path: '/payload', value: 'acknowledged by probe-x in zone-b' },
    ]);
  });

  it('refuses what is no AdmissionReview and unknown paths', async () => {
    expect((await call('POST', '/webhook', undefined)).status).toBe(400);
    expect((await call('GET', '/metrics')).status).toBe(404);
  });
});
