import { abortableSleep, isRetryableError } from '@chaosgarden/core';
import { isGoneError, KubeApiError, kubeApiErrorFromStatus } from '../k8s-errors';
import type { ResourceCache, ResourceCacheOptions, ResourceCacheStats } from './resource-cache-types';
import { createSyncWaiters } from './sync-waiters';
import { type KubeObject, objectKey, readWatchEvents, type WatchEvent } from './watch-events';

export type {
  CacheEvent,
  ResourceCache,
  ResourceCacheOptions,
  ResourceCacheStats,
} from './resource-cache-types';

export function createResourceCache<T extends KubeObject>(
  options: ResourceCacheOptions<T>,
): ResourceCache<T> {
  return new ListWatchCache(options);
}

type WatchEnd = 'closed' | 'resync';

/**
 * Lists once, then watches from the list's resource version: reconnects with back-off from the last
 * resource version seen (bookmarks included), lists again on 410 Gone and every `resyncIntervalMs`.
 */
class ListWatchCache<T extends KubeObject> implements ResourceCache<T> {
  readonly objects = new Map<string, T>();
  resourceVersion: string | undefined;
  readonly #options: ResourceCacheOptions<T>;
  readonly #stats: ResourceCacheStats = { lists: 0, watches: 0, goneRelists: 0, errors: 0 };
  readonly #stopping = new AbortController();
  readonly #sync = createSyncWaiters();
  #lastListAt = 0;
  #failures = 0;
  #loop: Promise<void> | undefined;

  constructor(options: ResourceCacheOptions<T>) {
    this.#options = options;
  }

  get isSynced(): boolean {
    return this.#sync.isSynced;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  synced(signal?: AbortSignal): Promise<void> {
    return this.#sync.wait(signal);
  }

  stats(): ResourceCacheStats {
    return { ...this.#stats };
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    let needList = true;
    while (!this.#stopping.signal.aborted) {
      try {
        if (needList) {
          await this.#list();
          needList = false;
          this.#recovered();
        }
        const startedAt = Date.now();
        needList = (await this.#watch()) === 'resync';
        // A server that ends every watch at once must not be asked again in a tight loop.
        if (!needList && Date.now() - startedAt < 1000) await abortableSleep(1000, this.#stopping.signal);
      } catch (error) {
        if (this.#stopping.signal.aborted) break;
        if (isGoneError(error)) {
          this.#stats.goneRelists++;
          needList = true;
          continue;
        }
        if (!(await this.#backOff(error))) return;
      }
    }
  }

  /** Waits before the next attempt; false when the first list failed for good (no retry). */
  async #backOff(error: unknown): Promise<boolean> {
    this.#stats.errors++;
    if (!this.isSynced && !isRetryableError(error)) {
      this.#sync.fail(error);
      return false;
    }
    const { minBackoffMs = 250, maxBackoffMs = 8_000 } = this.#options;
    const base = Math.min(maxBackoffMs, minBackoffMs * 2 ** this.#failures++);
    const delay = Math.round(base * (0.75 + Math.random() * 0.5));
    this.#options.onError?.(error, delay);
    await abortableSleep(delay, this.#stopping.signal);
    return true;
  }

  #recovered(): void {
    if (this.#failures > 0) this.#options.onRecovered?.();
    this.#failures = 0;
  }

  async #list(): Promise<void> {
    this.#stats.lists++;
    const body = await this.#options.client.request<{ metadata?: { resourceVersion?: string }; items?: T[] }>(
      {
        verb: 'list',
        path: this.#options.path,
        query: { labelSelector: this.#options.labelSelector || undefined },
        signal: this.#stopping.signal,
        operation: `list ${this.#options.resource}`,
      },
    );
    this.objects.clear();
    for (const item of body?.items ?? []) this.objects.set(objectKey(item), item);
    this.resourceVersion = body?.metadata?.resourceVersion;
    this.#lastListAt = Date.now();
    this.#sync.succeed();
    this.#options.onEvent?.({ type: 'relisted' });
  }

  /** Watches until the server closes the stream ('closed') or a resync is due ('resync'). */
  async #watch(): Promise<WatchEnd> {
    const { client, resource, path, resyncIntervalMs = 600_000 } = this.#options;
    const [minTimeout, maxTimeout] = this.#options.watchTimeoutSeconds ?? [300, 600];
    const timeoutSeconds = minTimeout + Math.floor(Math.random() * (maxTimeout - minTimeout + 1));
    const watchStop = new AbortController();
    const abortWatch = () => watchStop.abort();
    this.#stopping.signal.addEventListener('abort', abortWatch, { once: true });
    let resyncDue = false;
    const timer = setTimeout(
      () => {
        resyncDue = true;
        watchStop.abort();
      },
      Math.max(0, this.#lastListAt + resyncIntervalMs - Date.now()),
    );
    try {
      this.#stats.watches++;
      const stream = await client.openStream({
        verb: 'watch',
        path,
        query: {
          labelSelector: this.#options.labelSelector || undefined,
          watch: 'true',
          resourceVersion: this.resourceVersion,
          allowWatchBookmarks: 'true',
          timeoutSeconds,
        },
        timeoutMs: (timeoutSeconds + 30) * 1000,
        signal: watchStop.signal,
        operation: `watch ${resource}`,
      });
      this.#recovered();
      await readWatchEvents(stream, (event) => this.#apply(event));
      return resyncDue ? 'resync' : 'closed';
    } catch (error) {
      if (resyncDue) return 'resync';
      if (this.#stopping.signal.aborted) return 'closed';
      throw KubeApiError.isInstance(error)
        ? error
        : new KubeApiError({ operation: `watch ${resource}`, cause: error });
    } finally {
      clearTimeout(timer);
      this.#stopping.signal.removeEventListener('abort', abortWatch);
    }
  }

  #apply(event: WatchEvent): void {
    if (event.type === 'ERROR') throw kubeApiErrorFromStatus(`watch ${this.#options.resource}`, event.object);
    this.resourceVersion = event.object.metadata?.resourceVersion ?? this.resourceVersion;
    if (event.type === 'BOOKMARK') return;
    const object = event.object as T;
    if (event.type === 'DELETED') this.objects.delete(objectKey(object));
    else this.objects.set(objectKey(object), object);
    const type = event.type === 'ADDED' ? 'added' : event.type === 'DELETED' ? 'deleted' : 'modified';
    this.#options.onEvent?.({ type, object });
  }
}
