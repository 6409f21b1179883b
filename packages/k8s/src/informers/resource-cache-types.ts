import type { KubeClient } from '../cluster/kube-client';
import type { KubeObject } from './watch-events';

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
