import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKubeClient, type KubeClient } from '../cluster/kube-client';
import { FakeWatchServer, fakeServerKubeconfig } from './fixtures/fake-watch-server';
import { type CacheEvent, createResourceCache, type ResourceCacheOptions } from './resource-cache';
import type { KubeObject } from './watch-events';

let server: FakeWatchServer;
let client: KubeClient;
let stops: (() => Promise<void>)[] = [];

beforeEach(async () => {
  server = new FakeWatchServer();
  const url = await server.start();
  // The client's own retries would hide the failures whose handling by the cache is under test here.
  client = await createKubeClient({ kubeconfig: { object: fakeServerKubeconfig(url) }, retries: 0 });
});

afterEach(async () => {
  for (const stop of stops) await stop();
  stops = [];
  client.close();
  await server.stop();
});

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function startCache(options: Partial<ResourceCacheOptions<KubeObject>> = {}) {
  const events: CacheEvent<KubeObject>[] = [];
  const errors: unknown[] = [];
  const cache = createResourceCache<KubeObject>({
    client,
    resource: 'pods',
    path: '/api/v1/pods',
    minBackoffMs: 20,
    maxBackoffMs: 50,
    onEvent: (event) => events.push(event),
    onError: (error) => errors.push(error),
    ...options,
  });
  cache.start();
  stops.push(() => cache.stop());
  return {
    cache,
    events,
    errors,
    names: () => [...cache.objects.values()].map((item) => item.metadata?.name).sort(),
  };
}

const watches = () => server.requests.filter((request) => request.query.watch === 'true');
const lists = () => server.requests.filter((request) => request.query.watch !== 'true');

describe('createResourceCache', () => {
  it('lists, then watches from the list resource version and applies every event in order', async () => {
    server.put('a');
    const { cache, names, events } = startCache({ labelSelector: 'app=web' });
    await cache.synced();
    expect(names()).toEqual(['a']);
    await until(() => server.openWatches === 1, 'the watch');
    expect(watches()[0]?.query).toMatchObject({
      resourceVersion: '101',
      allowWatchBookmarks: 'true',
      labelSelector: 'app=web',
    });
    expect(lists()[0]?.query).toEqual({ labelSelector: 'app=web' });
    server.put('b');
    server.put('a', 'MODIFIED');
    server.remove('b');
    server.send({ type: 'BOOKMARK', object: { metadata: { resourceVersion: '999' } } });
    await until(() => cache.resourceVersion === '999', 'the bookmark');
    expect(names()).toEqual(['a']);
    expect(events.map((event) => event.type)).toEqual(['relisted', 'added', 'modified', 'deleted']);
  });

  it('reconnects after a cut connection from the last resource version, without listing again', async () => {
    const recovered: boolean[] = [];
    const { cache, names, errors } = startCache({ onRecovered: () => recovered.push(true) });
    await cache.synced();
    await until(() => server.openWatches === 1, 'the watch');
    server.put('x');
    await until(() => names().includes('x'), 'x');
    server.cutWatches();
    await until(() => server.openWatches === 1 && recovered.length === 1, 'the second watch');
    expect(watches()[1]?.query.resourceVersion).toBe(cache.resourceVersion);
    expect(watches()[1]?.query.resourceVersion).toBe('101');
    expect(lists()).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/watch pods failed/);
  });

  it('lists again when the watch answers 410 Gone', async () => {
    const { cache, names } = startCache();
    await cache.synced();
    await until(() => server.openWatches === 1, 'the watch');
    server.items.set('late', {
      metadata: { name: 'late', namespace: 'default', uid: 'u', resourceVersion: '150' },
    });
    server.send({
      type: 'ERROR',
      object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old' },
    });
    await until(() => names().includes('late'), 'the relist');
    expect(cache.stats()).toMatchObject({ lists: 2, goneRelists: 1, errors: 0 });
  });

  it('relists periodically (resync) even when nothing went wrong', async () => {
    const { cache } = startCache({ resyncIntervalMs: 150 });
    await cache.synced();
    await until(() => lists().length >= 3, 'two resyncs');
    expect(cache.stats().errors).toBe(0);
  });

  it('retries a failing first list when the error is transient and reports each failure', async () => {
    server.listFailures = [503, 503];
    const recovered: boolean[] = [];
    const { cache, errors } = startCache({ onRecovered: () => recovered.push(true) });
    await cache.synced();
    await until(() => recovered.length === 1, 'the recovery');
    expect(errors).toHaveLength(2);
    expect(String(errors[0])).toMatch(/list pods failed: KubeStatus: 503 Fake: fake 503/);
    expect(recovered).toEqual([true]);
  });

  it('gives up on a first list the server refuses for good, e.g. 403', async () => {
    server.listFailures = [403];
    const { cache } = startCache();
    await expect(cache.synced()).rejects.toThrow(/403 Fake: fake 403.*lacks an RBAC permission/);
    expect(lists()).toHaveLength(1);
  });

  it('keeps one watch and no polling, whatever the number of objects and events', async () => {
    for (let index = 0; index < 500; index++) server.items.set(`p${index}`, server.put(`p${index}`));
    const { cache } = startCache();
    await cache.synced();
    await until(() => server.openWatches === 1, 'the watch');
    for (let index = 0; index < 500; index++) server.put(`q${index}`);
    await until(() => cache.objects.size === 1000, 'all events');
    expect(client.requestCounts()).toMatchObject({ list: 1, watch: 1, get: 0 });
  });
});
