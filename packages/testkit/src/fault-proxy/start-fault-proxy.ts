import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { answerServerError, answerThrottled } from './fault-answers';
import { type FaultKind, type FaultProxy, type FaultProxyOptions, faultKinds } from './fault-proxy-options';
import { createFaultStats } from './fault-stats';
import { requestOperation } from './request-operation';
import { pickSeed, seededRandom } from './seeded-random';

/**
 * Starts a reverse proxy on 127.0.0.1 (plain HTTP) in front of `target` that gives `failureRate` of
 * the requests a fault: throttling or a server error in the target's own error shape, a reset
 * connection, or a delay before forwarding. Everything else is forwarded by http-proxy-3 and streamed
 * back (kube watches work).
 *
 * Requests `hold` picks are held open and never answered (a cloud that hangs).
 *
 * Every fault except `delay` is injected before forwarding: the target never saw a faulted request.
 * Losing the answer of a call the target did carry out (the unknown outcome after a mutation) is not
 * covered.
 */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  if (!(options.failureRate >= 0 && options.failureRate <= 1)) {
    throw new RangeError(`failureRate must be within 0..1, got ${options.failureRate}.`);
  }
  const seed = options.seed ?? pickSeed();
  const random = seededRandom(seed);
  const stats = createFaultStats(seed);
  const chooseFault = faultChooser(options.failureRate, options.mix);
  const [minDelayMs, maxDelayMs] = options.delayMs ?? [200, 1500];
  const isHttps = new URL(options.target).protocol === 'https:';
  // Keep-alive upstream, as a client talking to the target directly would have.
  const agent = isHttps
    ? new https.Agent({ keepAlive: true, ...(options.ca === undefined ? {} : { ca: options.ca }) })
    : new http.Agent({ keepAlive: true });
  const proxy = createProxyServer({
    target: options.target,
    agent,
    changeOrigin: true,
    secure: true,
    ...(options.ca === undefined ? {} : { ca: options.ca }),
  });
  proxy.on('error', (_error, _request, response) => failUpstream(response));
  const delays = new Set<NodeJS.Timeout>();
  // Never answered; destroyed on close, so that the client sees its connection cut.
  const held = new Set<ServerResponse>();

  const handle = (request: IncomingMessage, response: ServerResponse, body: Buffer) => {
    const method = request.method ?? 'GET';
    const url = request.url ?? '/';
    const operation = requestOperation(options.flavor, method, url, body);
    const forward = () => proxy.web(request, response, { buffer: Readable.from(body.length ? [body] : []) });
    if (options.hold?.({ method, url, operation }) === true) {
      stats.request(operation, 'hold');
      held.add(response);
      response.on('close', () => held.delete(response));
      return;
    }
    if (options.spare?.({ method, url, operation }) === true) {
      stats.request(operation, undefined);
      return forward();
    }
    // Three draws per request, always, so one request's fault cannot shift the next one's.
    const [roll, pick, extra] = [random(), random(), random()];
    const fault = chooseFault(roll, pick);
    stats.request(operation, fault);
    switch (fault) {
      case 'throttle':
        return answerThrottled(response, options.flavor, options.retryAfterSeconds ?? 1);
      case 'serverError':
        return answerServerError(response, options.flavor, extra < 0.5);
      case 'connectionReset':
        return request.socket.resetAndDestroy();
      case 'delay': {
        const timer = setTimeout(
          () => {
            delays.delete(timer);
            forward();
          },
          minDelayMs + extra * (maxDelayMs - minDelayMs),
        );
        delays.add(timer);
        return;
      }
      default:
        return forward();
    }
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks)));
  });
  // A real API server keeps idle connections far longer than Node's 5 s default; closing them early
  // would add resets nobody asked for.
  server.keepAliveTimeout = 120_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  (options.log ?? ((line) => process.stderr.write(`${line}\n`)))(
    `Fault proxy ${url} -> ${options.target}: failure rate ${options.failureRate}, seed ${seed} ` +
      `(CHAOSGARDEN_FAULT_SEED=${seed} repeats it).`,
  );
  return {
    url,
    seed,
    stats: () => stats.snapshot(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of delays) clearTimeout(timer);
        for (const response of held) response.destroy();
        server.closeAllConnections();
        agent.destroy();
        proxy.close();
        server.close(() => resolve());
      }),
  };
}

/** Maps two draws in [0, 1) to a fault (or none), by `failureRate` and the mix's weights. */
function faultChooser(failureRate: number, mix: FaultProxyOptions['mix']) {
  const weights = faultKinds.map((kind) => [kind, mix === undefined ? 1 : (mix[kind] ?? 0)] as const);
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  if (failureRate > 0 && !(total > 0))
    throw new RangeError('The fault mix needs at least one positive weight.');
  return (roll: number, pick: number): FaultKind | undefined => {
    if (roll >= failureRate) return undefined;
    let left = pick * total;
    for (const [kind, weight] of weights) {
      if (left < weight) return kind;
      left -= weight;
    }
    return weights.findLast(([, weight]) => weight > 0)?.[0];
  };
}

/** The target failed (refused, reset): a gateway error, or a cut connection once headers went out. */
function failUpstream(response: ServerResponse | import('node:net').Socket) {
  if (!('writeHead' in response) || response.headersSent) {
    response.destroy();
    return;
  }
  response.writeHead(502, { 'content-type': 'text/plain' });
  response.end('The fault proxy could not reach its target.');
}
