import { abortableSleep, isRetryableError } from '@chaosgarden/core';
import type { KubeClient } from '../cluster/kube-client';
import { isGoneError, KubeApiError, kubeApiErrorFromStatus } from '../k8s-errors';
import { type KubeObject, objectKey, readWatchEvents, type WatchEvent } from './watch-events';

/** A change the cache saw; `relisted` follows every (re)list, which may replace any object. */
export type CacheEvent<T> =
  | { readonly type: 'added' | 'modified' | 'deleted'; readonly object: T }
  | { readonly type: 'relisted' };

export interface ResourceCacheOptions<T> {
  client: KubeClient;
  /** Plural resource name for messages: `pods`, `nodes`. */
  resource: string;
  /** Collection path, e.g. `/api/v1/pods` or `/api/v1/namespaces/kube-system/pods`. */
  path: string;
  /** Kubernetes label selector, evaluated by the API server. Default none. */
  labelSelector?: string | undefined;
  /** Full relist this often, to repair anything a watch missed. Default 600 000 ms (10 min). */
  resyncIntervalMs?: number;
  /** Server-side watch time-out, drawn per watch from this range (seconds). Default [300, 600]. */
  watchTimeoutSeconds?: readonly [number, number];
  /** First reconnect back-off. Default 250 ms, doubling up to `maxBackoffMs`. */
  minBackoffMs?: number;
  /** Longest reconnect back-off. Default 8 000 ms. */
  maxBackoffMs?: number;
  /** Every change, in order, right after the cache applied it. */
  onEvent?: (event: CacheEvent<T>) => void;
  /** A list or watch failed; it is retried after `retryInMs`. */
  onError?: (error: unknown, retryInMs: number) => void;
  /** The first successful list or watch after errors. */
  onRecovered?: () => void;
}

export interface ResourceCacheStats {
  lists: number;
  watches: number;
  /** Relists because the watch's resource version expired (410 Gone). */
  goneRelists: number;
  errors: number;
}

/** A list + watch cache of one collection (an informer without the handler machinery). */
export interface ResourceCache<T extends KubeObject> {
  /** Starts listing and watching in the background; call once. */
  start(): void;
  /**
   * Resolves after the first successful list. Rejects with the first list's error when that error
   * is not retryable (bad label selector, missing permission), or with the signal's reason.
   */
  synced(signal?: AbortSignal): Promise<void>;
  readonly isSynced: boolean;
  /** Objects by `namespace/name`. */
  readonly objects: ReadonlyMap<string, T>;
  readonly resourceVersion: string | undefined;
  stats(): ResourceCacheStats;
  /** Stops watching and waits for the background loop to end. */
  stop(): Promise<void>;
}

export function createResourceCache<T extends KubeObject>(
  options: ResourceCacheOptions<T>,
): ResourceCache<T> {
  const objects = new Map<string, T>();
  const stats: ResourceCacheStats = { lists: 0, watches: 0, goneRelists: 0, errors: 0 };
  const stopping = new AbortController();
  const resyncMs = options.resyncIntervalMs ?? 600_000;
  const [minTimeout, maxTimeout] = options.watchTimeoutSeconds ?? [300, 600];
  let resourceVersion: string | undefined;
  let lastListAt = 0;
  let isSynced = false;
  let fatal: unknown;
  let loop: Promise<void> | undefined;
  const syncWaiters = new Set<() => void>();
  const notifySync = () => {
    for (const wake of syncWaiters) wake();
  };
  const request = { client: options.client, resource: options.resource, path: options.path };
  const selector = { labelSelector: options.labelSelector || undefined };

  const list = async () => {
    stats.lists++;
    const body = await request.client.request<{ metadata?: { resourceVersion?: string }; items?: T[] }>({
      verb: 'list',
      path: request.path,
      query: selector,
      signal: stopping.signal,
      operation: `list ${request.resource}`,
    });
    objects.clear();
    for (const item of body?.items ?? []) objects.set(objectKey(item), item);
    resourceVersion = body?.metadata?.resourceVersion;
    lastListAt = Date.now();
    isSynced = true;
    notifySync();
    options.onEvent?.({ type: 'relisted' });
  };

  const apply = (event: WatchEvent) => {
    if (event.type === 'ERROR') throw kubeApiErrorFromStatus(`watch ${request.resource}`, event.object);
    resourceVersion = event.object.metadata?.resourceVersion ?? resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const object = event.object as T;
    if (event.type === 'DELETED') objects.delete(objectKey(object));
    else objects.set(objectKey(object), object);
    options.onEvent?.({
      type: event.type === 'ADDED' ? 'added' : event.type === 'DELETED' ? 'deleted' : 'modified',
      object,
    });
  };

  /** Watches until the server closes the stream ('closed') or a resync is due ('resync'). */
  const watch = async (onConnected: () => void): Promise<'closed' | 'resync'> => {
    const watchStop = new AbortController();
    const abortWatch = () => watchStop.abort();
    stopping.signal.addEventListener('abort', abortWatch, { once: true });
    let resyncDue = false;
    const timer = setTimeout(
      () => {
        resyncDue = true;
        watchStop.abort();
      },
      Math.max(0, lastListAt + resyncMs - Date.now()),
    );
    const timeoutSeconds = minTimeout + Math.floor(Math.random() * (maxTimeout - minTimeout + 1));
    try {
      stats.watches++;
      const stream = await request.client.openStream({
        verb: 'watch',
        path: request.path,
        query: { ...selector, watch: 'true', resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds },
        timeoutMs: (timeoutSeconds + 30) * 1000,
        signal: watchStop.signal,
        operation: `watch ${request.resource}`,
      });
      onConnected();
      await readWatchEvents(stream, apply);
      return resyncDue ? 'resync' : 'closed';
    } catch (error) {
      if (resyncDue) return 'resync';
      if (stopping.signal.aborted) return 'closed';
      throw error instanceof KubeApiError
        ? error
        : new KubeApiError({ operation: `watch ${request.resource}`, cause: error });
    } finally {
      clearTimeout(timer);
      stopping.signal.removeEventListener('abort', abortWatch);
    }
  };

  const run = async () => {
    let failures = 0;
    let needList = true;
    const recovered = () => {
      if (failures > 0) options.onRecovered?.();
      failures = 0;
    };
    while (!stopping.signal.aborted) {
      try {
        if (needList) {
          await list();
          needList = false;
          recovered();
        }
        const startedAt = Date.now();
        needList = (await watch(recovered)) === 'resync';
        // A server that ends every watch at once must not be asked again in a tight loop.
        if (!needList && Date.now() - startedAt < 1000) await abortableSleep(1000, stopping.signal);
      } catch (error) {
        if (stopping.signal.aborted) break;
        if (isGoneError(error)) {
          stats.goneRelists++;
          needList = true;
          continue;
        }
        stats.errors++;
        if (!isSynced && !isRetryableError(error)) {
          fatal = error;
          notifySync();
          return;
        }
        const base = Math.min(options.maxBackoffMs ?? 8_000, (options.minBackoffMs ?? 250) * 2 ** failures++);
        const delay = Math.round(base * (0.75 + Math.random() * 0.5));
        options.onError?.(error, delay);
        await abortableSleep(delay, stopping.signal);
      }
    }
  };

  return {
    start() {
      loop ??= run();
    },
    synced(signal) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (isSynced) resolve();
          else if (fatal !== undefined) reject(fatal);
          else if (signal?.aborted) reject(signal.reason);
          else return;
          syncWaiters.delete(check);
          signal?.removeEventListener('abort', check);
        };
        syncWaiters.add(check);
        signal?.addEventListener('abort', check, { once: true });
        check();
      });
    },
    get isSynced() {
      return isSynced;
    },
    objects,
    get resourceVersion() {
      return resourceVersion;
    },
    stats: () => ({ ...stats }),
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}
