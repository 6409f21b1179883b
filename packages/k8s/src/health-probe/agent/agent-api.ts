import { request } from 'node:https';

/** An API answer; `status` 0 never occurs (connection errors reject). */
export interface ApiAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

export interface AgentApiOptions {
  readonly server: string;
  readonly token: () => string;
  readonly caPem: string | undefined;
}

/**
 * The agent's own minimal HTTPS client: the agent ships as one file on a stock Node.js image, so it
 * carries no Kubernetes client library. A fresh connection per call (no keep-alive), as a recreated
 * client would have, so a cut-off connection cannot linger.
 */
export function agentApi(options: AgentApiOptions) {
  const call = (
    method: string,
    path: string,
    body?: unknown,
    timeoutMs = 5000,
    contentType = 'application/json',
  ): Promise<ApiAnswer> => {
    const url = new URL(path, options.server);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          agent: false,
          ...(options.caPem === undefined ? {} : { ca: options.caPem }),
          headers: {
            accept: 'application/json',
            authorization: `Bearer ${options.token()}`,
            'user-agent': 'chaosgarden-probe-agent',
            ...(payload === undefined
              ? {}
              : { 'content-type': contentType, 'content-length': Buffer.byteLength(payload) }),
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown = text;
            try {
              parsed = JSON.parse(text);
            } catch {
              // plain text answer
            }
            resolve({ status: response.statusCode ?? 0, body: parsed, text });
          });
        },
      );
      const timer = setTimeout(
        () => outgoing.destroy(new Error(`${method} ${url.pathname} timed out after ${timeoutMs} ms`)),
        timeoutMs,
      );
      outgoing.on('close', () => clearTimeout(timer));
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  };
  return { call };
}

export type AgentApi = ReturnType<typeof agentApi>;

/** Throws unless the answer has one of the expected statuses. */
export function expectStatus(answer: ApiAnswer, what: string, ...expected: number[]): ApiAnswer {
  if (!expected.includes(answer.status)) {
    const message =
      typeof answer.body === 'object' && answer.body !== null && 'message' in answer.body
        ? String((answer.body as { message: unknown }).message)
        : answer.text.slice(0, 200);
    throw Object.assign(new Error(`${what} failed with ${answer.status}: ${message}`), {
      status: answer.status,
    });
  }
  return answer;
}
