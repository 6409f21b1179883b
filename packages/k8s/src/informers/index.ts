export type { CacheEvent, ResourceCache, ResourceCacheOptions, ResourceCacheStats } from './resource-cache';
export { createResourceCache } from './resource-cache';
export type { KubeObject, KubeObjectMeta, WatchEvent } from './watch-events';
export { objectKey } from './watch-events';
