import type { IncomingMessage } from 'node:http';
import { createLogger, type Logger } from '@chaosgarden/core';
import type { ApiConstructor, ApiType, KubeConfig } from '@kubernetes/client-node';
import { KubeApiError, kubeApiErrorFromResponse } from '../k8s-errors';
import { type BuiltKubeConfig, buildKubeConfig } from './kube-config-builder';
import { withKubeRetries } from './kube-retries';
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
  /**
   * Whole-call limit for `request` (retries included), inactivity limit for `openStream`.
   * Default 60 000 ms.
   */
  timeoutMs?: number;
  signal?: AbortSignal | undefined;
  /** Named in errors, e.g. `delete pod default/web-1`. */
  operation: string;
  /**
   * Retries of this call after the first attempt. Default: the client's (5). 0 for calls whose
   * failure is the measurement, such as the health probe's regional API heartbeat.
   */
  retries?: number;
}

/** A lazily authenticated connection to one cluster. */
export interface KubeClient {
  /** The API server URL. */
  readonly host: string;
  /** Where the kubeconfig came from (for messages). */
  readonly origin: string;
  /** Requests sent so far, per verb. */
  requestCounts(): RequestCounts;
  /**
   * Sends a call and parses the JSON answer. A 401 re-authenticates once and retries; 429, 5xx and
   * connection failures are retried (see `withKubeRetries`), each retry logged. When an earlier
   * attempt's outcome is unknown (reset, timeout, 5xx), a create answering 409 AlreadyExists or a
   * delete answering 404 counts as done and resolves with `undefined`.
   */
  request<T = unknown>(call: KubeCall): Promise<T>;
  /** Sends a call and returns the streaming 200 answer (for watches); opening it is retried as `request` is. */
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

/** `ClusterAccessOptions` and where the client reports its retries. */
export interface KubeClientOptions extends ClusterAccessOptions {
  /** Receives one `warn` line per retried call. Default: `createLogger()` (stderr, env `CHAOSGARDEN_LOG_*`). */
  logger?: Logger | undefined;
  /** How often a failed call is tried again after the first attempt. Default 5; 0 turns retrying off. */
  retries?: number | undefined;
}

const defaultTimeoutMs = 60_000;

/**
 * Loads the kubeconfig (see `ClusterAccessOptions`), then builds the client. This is where
 * `@kubernetes/client-node` is first imported.
 */
export async function createKubeClient(options: KubeClientOptions): Promise<KubeClient> {
  const loaded = await loadKubeconfig(resolveKubeconfigSource(options));
  return new AuthenticatedKubeClient(loaded, await buildKubeConfig(loaded), {
    logger: options.logger ?? createLogger(),
    retries: options.retries ?? 5,
  });
}

class AuthenticatedKubeClient implements KubeClient {
  readonly host: string;
  readonly origin: string;
  readonly #loaded: LoadedKubeconfig;
  readonly #counter = createRequestCounter();
  readonly #retrying: { logger: Logger; retries: number };
  #built: BuiltKubeConfig;
  #transports: KubeTransport[];
  #generation = 0;
  #reauthentication: Promise<void> | undefined;

  constructor(
    loaded: LoadedKubeconfig,
    initial: BuiltKubeConfig,
    retrying: { logger: Logger; retries: number },
  ) {
    this.#loaded = loaded;
    this.#retrying = retrying;
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
    const attempt = async () => {
      try {
        const text = await readBody(await this.#send(call, signal));
        return (text === '' ? undefined : JSON.parse(text)) as T;
      } catch (error) {
        if (call.signal?.aborted) throw call.signal.reason;
        if (KubeApiError.isInstance(error)) throw error;
        throw new KubeApiError({ operation: call.operation, cause: error });
      }
    };
    try {
      return await withKubeRetries(attempt, {
        ...this.#retryOptions(call, signal),
        whenAlreadyDone: () => undefined as T,
      });
    } catch (error) {
      if (call.signal?.aborted) throw call.signal.reason;
      if (KubeApiError.isInstance(error)) throw error;
      throw new KubeApiError({ operation: call.operation, cause: error });
    }
  }

  openStream(call: KubeCall): Promise<IncomingMessage> {
    return withKubeRetries(() => this.#send(call, call.signal), this.#retryOptions(call, call.signal));
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

  #retryOptions(call: KubeCall, signal: AbortSignal | undefined) {
    return {
      verb: call.verb,
      operation: call.operation,
      signal,
      ...this.#retrying,
      ...(call.retries === undefined ? {} : { retries: call.retries }),
    };
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
