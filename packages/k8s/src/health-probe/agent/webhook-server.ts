import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';

/** The AdmissionReview answer that acknowledges a heartbeat (spec §3): ready → true plus who answered. */
export function admissionResponse(uid: string, podName: string, zone: string) {
  const patch = [
    { op: 'replace', path: '/ready', value: true },
    { op: 'add', path: '/payload', value: `acknowledged by ${podName} in ${zone}` },
  ];
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    response: {
      allowed: true,
      uid,
      status: { message: `Probe heartbeat acknowledged by ${podName}` },
      patchType: 'JSONPatch',
      patch: Buffer.from(JSON.stringify(patch)).toString('base64'),
    },
  };
}

export interface WebhookServerOptions {
  readonly certPem: string;
  readonly keyPem: string;
  readonly host: string;
  readonly port: number;
  readonly podName: string;
  readonly zone: string;
}

/** HTTPS `GET /livez`, `GET /readyz` (`OK`) and `POST /webhook` (AdmissionReview v1). */
export function startWebhookServer(options: WebhookServerOptions): Promise<Server> {
  const server = createServer({ cert: options.certPem, key: options.keyPem }, (request, response) => {
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && (path === '/livez' || path === '/readyz')) {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      return;
    }
    if (request.method === 'POST' && path === '/webhook') {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        let uid = '';
        try {
          const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { request?: { uid?: string } };
          uid = String(review.request?.uid ?? '');
        } catch {
          response.writeHead(400).end('AdmissionReview expected');
          return;
        }
        response
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(admissionResponse(uid, options.podName, options.zone)));
      });
      return;
    }
    response.writeHead(404).end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** The port a started server listens on. */
export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

/** Reads the TLS pair from files (the mounted Secret in the pod). */
export function readTlsFiles(certFile: string, keyFile: string): { certPem: string; keyPem: string } {
  return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
}
