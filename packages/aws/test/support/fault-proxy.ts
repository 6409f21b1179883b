import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Answer the next `times` requests for `action` with an EC2-style error instead of forwarding them. */
export interface FaultRule {
  action: string;
  /** Only requests whose form body contains this text (e.g. an instance id). Default: any. */
  bodyIncludes?: string;
  times: number;
  status: number;
  code: string;
  /** The error message. Default: `Injected by the test proxy.` */
  message?: string;
}

/** One request the proxy saw. */
export interface SeenRequest {
  action: string;
  /** The form body (`Action=…&Version=…`). */
  body: string;
  /** The SigV4 access key id the request was signed with. */
  accessKeyId: string | undefined;
}

export interface FaultProxy {
  url: string;
  /** The `Action` of every request, in order, faulted or forwarded. */
  readonly actions: string[];
  readonly requests: SeenRequest[];
  inject(rule: FaultRule): void;
  close(): Promise<void>;
}

/**
 * A reverse proxy in front of moto (test-infra notes §8) that can answer chosen EC2 actions with
 * throttling or other errors, in the XML shape EC2 uses. Listens on 127.0.0.1 only.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  const rules: FaultRule[] = [];
  const actions: string[] = [];
  const requests: SeenRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const action = new URLSearchParams(text).get('Action') ?? '';
      actions.push(action);
      const authorization = String(incoming.headers.authorization ?? '');
      requests.push({ action, body: text, accessKeyId: /Credential=([^/]+)\//.exec(authorization)?.[1] });
      const rule = rules.find(
        (candidate) =>
          candidate.action === action &&
          candidate.times > 0 &&
          (candidate.bodyIncludes === undefined || text.includes(candidate.bodyIncludes)),
      );
      if (rule !== undefined) {
        rule.times--;
        outgoing.writeHead(rule.status, { 'content-type': 'text/xml' });
        outgoing.end(
          `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${rule.code}</Code><Message>${rule.message ?? 'Injected by the test proxy.'}</Message></Error></Errors><RequestID>fault</RequestID></Response>`,
        );
        return;
      }
      const forwarded = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (response) => {
          outgoing.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(outgoing);
        },
      );
      forwarded.on('error', (error) => outgoing.destroy(error));
      forwarded.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    actions,
    requests,
    inject: (rule) => rules.push({ ...rule }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
