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
  return new AuthenticatedKubeClient(loaded, initial);
}

class AuthenticatedKubeClient implements KubeClient {
  readonly host: string;
  readonly origin: string;
  readonly #loaded: LoadedKubeconfig;
  readonly #counter = createRequestCounter();
  #built: BuiltKubeConfig;
  #transports: KubeTransport[];
  #generation = 0;
  #reauthentication: Promise<void> | undefined;

  constructor(loaded: LoadedKubeconfig, initial: BuiltKubeConfig) {
    this.#loaded = loaded;
    this.#built = initial;
    this.#transports = [new KubeTransport(initial.kubeConfig)];
    this.host = initial.kubeConfig.getCurrentCluster()?.server ?? loaded.server;
    this.origin = loaded.origin;
  }

  requestCounts(): RequestCounts {
    return this.#counter.snapshot();
  }

  async request<T>(call: KubeCall): Promise<T> {
    const limit = AbortSignal.timeout(call.timeoutMs ?? defaultTimeoutMs);
    const signal = call.signal ? AbortSignal.any([call.signal, limit]) : limit;
    try {
      const text = await readBody(await this.#send(call, signal));
      return (text === '' ? undefined : JSON.parse(text)) as T;
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (error instanceof KubeApiError) throw error;
      throw new KubeApiError({ operation: call.operation, cause: error });
    }
  }

  openStream(call: KubeCall): Promise<IncomingMessage> {
    return this.#send(call, call.signal);
  }

  kubeConfig(): KubeConfig {
    return this.#built.kubeConfig;
  }

  async typedApi<T extends ApiType>(
    pick: (module: typeof import('@kubernetes/client-node')) => ApiConstructor<T>,
  ): Promise<T> {
    const module = await import('@kubernetes/client-node');
    return this.#built.kubeConfig.makeApiClient(pick(module));
  }

  close(): void {
    for (const transport of this.#transports) transport.close();
  }

  async #send(call: KubeCall, signal: AbortSignal | undefined, retried = false): Promise<IncomingMessage> {
    this.#counter.count(call.verb);
    const used = this.#generation;
    let response: IncomingMessage;
    try {
      response = await (this.#transports[0] as KubeTransport).send({
        method: methodOf(call.verb),
        url: urlOf(this.host, call),
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
      await this.#reauthenticate(used);
      return this.#send(call, signal, true);
    }
    if (status >= 400) {
      const retryAfter = response.headers['retry-after'];
      throw kubeApiErrorFromResponse(call.operation, status, await readBody(response), retryAfter);
    }
    return response;
  }

  /** Concurrent 401s share one re-authentication; a stale failure (older generation) just retries. */
  async #reauthenticate(failedGeneration: number): Promise<void> {
    if (failedGeneration !== this.#generation) return;
    this.#reauthentication ??= (async () => {
      this.#built.execPlugin?.invalidate();
      this.#built = await buildKubeConfig(this.#loaded);
      // Older transports keep serving their open watches until close().
      this.#transports = [new KubeTransport(this.#built.kubeConfig), ...this.#transports];
      this.#generation++;
    })().finally(() => {
      this.#reauthentication = undefined;
    });
    await this.#reauthentication;
  }
}

function urlOf(host: string, call: KubeCall): URL {
  const url = new URL(`${host.replace(/\/$/, '')}${call.path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}
