import { createHash } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface SendOptions {
  method: string;
  url: URL;
  body?: string | undefined;
  /** Socket inactivity limit; the request fails with `ETIMEDOUT` after it. */
  idleTimeoutMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Sends requests with the credentials and TLS settings client-node derives from the kubeconfig, over
 * keep-alive agents of its own: one per distinct CA/client certificate, so a certificate an exec plugin
 * renews is used at once (client-node caches one agent per user with the first certificate).
 */
export class KubeTransport {
  readonly #kubeConfig: KubeConfig;
  readonly #agents = new Map<string, http.Agent>();

  constructor(kubeConfig: KubeConfig) {
    this.#kubeConfig = kubeConfig;
  }

  /** Resolves with the response (any status) once its headers arrived. */
  async send(options: SendOptions): Promise<IncomingMessage> {
    const requestOptions: https.RequestOptions = { headers: {} };
    await this.#kubeConfig.applyToHTTPSOptions(requestOptions);
    const isHttp = options.url.protocol === 'http:';
    if (this.#kubeConfig.getCurrentCluster()?.proxyUrl === undefined) {
      requestOptions.agent = this.#agentFor(requestOptions, isHttp);
    }
    const headers: http.OutgoingHttpHeaders = {
      ...(requestOptions.headers as http.OutgoingHttpHeaders),
      accept: 'application/json',
      'user-agent': 'chaosgarden',
      ...(options.body === undefined
        ? {}
        : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(options.body) }),
    };
    const send = isHttp ? http.request : https.request;
    return new Promise((resolve, reject) => {
      const request = send(options.url, {
        ...requestOptions,
        method: options.method,
        headers,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      request.setTimeout(options.idleTimeoutMs, () => {
        request.destroy(
          Object.assign(new Error('The API server did not answer in time'), { code: 'ETIMEDOUT' }),
        );
      });
      request.once('response', resolve);
      request.once('error', reject);
      request.end(options.body);
    });
  }

  /** Closes idle keep-alive connections and every open one. */
  close(): void {
    for (const agent of this.#agents.values()) {
      agent.destroy();
    }
    this.#agents.clear();
  }

  #agentFor(options: https.RequestOptions, isHttp: boolean): http.Agent {
    const tls = {
      ca: options.ca,
      cert: options.cert,
      key: options.key,
      servername: options.servername,
      rejectUnauthorized: options.rejectUnauthorized,
    };
    const key = createHash('sha256')
      .update(JSON.stringify([isHttp, tls.rejectUnauthorized, tls.servername]))
      .update(String(tls.ca ?? ''))
      .update(String(tls.cert ?? ''))
      .update(String(tls.key ?? ''))
      .digest('hex');
    let agent = this.#agents.get(key);
    if (agent === undefined) {
      const defined = Object.fromEntries(Object.entries(tls).filter(([, value]) => value !== undefined));
      agent = isHttp
        ? new http.Agent({ keepAlive: true, keepAliveMsecs: 30_000 })
        : new https.Agent({ keepAlive: true, keepAliveMsecs: 30_000, ...defined });
      this.#agents.set(key, agent);
    }
    return agent;
  }
}

/** Reads a whole response body as text. */
export async function readBody(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) {
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
