import type { IncomingMessage } from 'node:http';
import type { ApiConstructor, ApiType, KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, kubeApiErrorFromResponse } from '../k8s-errors';
import { type BuiltKubeConfig, buildKubeConfig } from './kube-config-builder';
import { KubeTransport, readBody } from './kube-transport';
import { type ClusterAccessOptions, resolveKubeconfigSource } from './kubeconfig-source';
import { type LoadedKubeconfig, loadKubeconfig } from './load-kubeconfig';
import { createRequestCounter, methodOf, type RequestCounts, type RequestVerb } from './request-counter';

/** One API call. */
export interface KubeCall {
  verb: RequestVerb;
  /** API path, e.g. `/api/v1/namespaces/default/pods`. */
  path: string;
  query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  body?: unknown;
  /** Whole-call limit for `request`, inactivity limit for `openStream`. Default 60 000 ms. */
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Named in errors, e.g. `delete pod default/web-1`. */
  operation: string;
}

/** A lazily authenticated connection to one cluster. */
export interface KubeClient {
  /** The API server URL. */
  readonly host: string;
  /** Where the kubeconfig came from (for messages). */
  readonly origin: string;
  /** Requests sent so far, per verb. */
  requestCounts(): RequestCounts;
  /** Sends a call and parses the JSON answer. A 401 re-authenticates once and retries. */
  request<T = unknown>(call: KubeCall): Promise<T>;
  /** Sends a call and returns the streaming 200 answer (for watches). */
  openStream(call: KubeCall): Promise<IncomingMessage>;
  /** client-node's `KubeConfig` (e.g. for `makeApiClient` with a typed API class). */
  kubeConfig(): KubeConfig;
  /** A typed client-node API client, e.g. `await client.typedApi((k8s) => k8s.CoordinationV1Api)`. */
  typedApi<T extends ApiType>(
    pick: (module: typeof import('@kubernetes/client-node')) => ApiConstructor<T>,
  ): Promise<T>;
  /** Closes every connection (watches included). */
  close(): void;
}

const defaultTimeoutMs = 60_000;

/**
 * Loads the kubeconfig (see `ClusterAccessOptions`), then builds the client. This is where
 * `@kubernetes/client-node` is first imported.
 */
export async function createKubeClient(options: ClusterAccessOptions): Promise<KubeClient> {
  const loaded = await loadKubeconfig(resolveKubeconfigSource(options));
  return kubeClientFor(loaded, await buildKubeConfig(loaded));
}

function kubeClientFor(loaded: LoadedKubeconfig, initial: BuiltKubeConfig): KubeClient {
  const counter = createRequestCounter();
  let built = initial;
  let transports = [new KubeTransport(built.kubeConfig)];
  let generation = 0;
  let reauthentication: Promise<void> | undefined;
  const host = built.kubeConfig.getCurrentCluster()?.server ?? loaded.server;

  // Concurrent 401s share one re-authentication; a stale failure (older generation) just retries.
  const reauthenticate = async (failedGeneration: number) => {
    if (failedGeneration !== generation) return;
    reauthentication ??= (async () => {
      built.execPlugin?.invalidate();
      built = await buildKubeConfig(loaded);
      transports = [new KubeTransport(built.kubeConfig), ...transports];
      generation++;
    })().finally(() => {
      reauthentication = undefined;
    });
    await reauthentication;
  };

  const send = async (call: KubeCall, signal: AbortSignal | undefined, retried = false) => {
    counter.count(call.verb);
    const used = generation;
    const transport = transports[0] as KubeTransport;
    let response: IncomingMessage;
    try {
      response = await transport.send({
        method: methodOf(call.verb),
        url: urlOf(host, call),
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
        idleTimeoutMs: call.timeoutMs ?? defaultTimeoutMs,
        signal,
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      throw new KubeApiError({ operation: call.operation, cause: error });
    }
    const status = response.statusCode ?? 0;
    if (status === 401 && !retried) {
      response.resume();
      await reauthenticate(used);
      return send(call, signal, true);
    }
    if (status >= 400) {
      const retryAfter = response.headers['retry-after'];
      throw kubeApiErrorFromResponse(call.operation, status, await readBody(response), retryAfter);
    }
    return response;
  };

  return {
    host,
    origin: loaded.origin,
    requestCounts: () => counter.snapshot(),
    async request<T>(call: KubeCall): Promise<T> {
      const limit = AbortSignal.timeout(call.timeoutMs ?? defaultTimeoutMs);
      const signal = call.signal ? AbortSignal.any([call.signal, limit]) : limit;
      try {
        const text = await readBody(await send(call, signal));
        return (text === '' ? undefined : JSON.parse(text)) as T;
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        if (error instanceof KubeApiError) throw error;
        throw new KubeApiError({ operation: call.operation, cause: error });
      }
    },
    openStream: (call) => send(call, call.signal),
    kubeConfig: () => built.kubeConfig,
    async typedApi(pick) {
      const module = await import('@kubernetes/client-node');
      return built.kubeConfig.makeApiClient(pick(module));
    },
    close() {
      for (const transport of transports) transport.close();
    },
  };
}

function urlOf(host: string, call: KubeCall): URL {
  const url = new URL(`${host.replace(/\/$/, '')}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}
