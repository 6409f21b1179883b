// Minimal Kubernetes API access for the pod-kill benchmark: JSON requests over a keep-alive HTTPS agent,
// concurrent creation, and a watch of its own (independent of the code under test).
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';

/** Connection details of the sandbox (`npm run sandbox -- up` writes them). */
export function readSandbox(root) {
  let text;
  try {
    text = readFileSync(new URL('.sandbox/env.json', root), 'utf8');
  } catch {
    throw new Error('No sandbox is up: run `npm run sandbox -- up` first.');
  }
  const env = JSON.parse(text);
  return { ...env, caPem: readFileSync(env.kubeCaPath, 'utf8') };
}

export function kubeApi(sandbox) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64, ca: sandbox.caPem });
  const headers = { authorization: `Bearer ${sandbox.token}`, accept: 'application/json' };
  const call = (method, path, body) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        new URL(path, sandbox.kubeApiServerUrl),
        { method, agent, headers: payload ? { ...headers, 'content-type': 'application/json' } : headers },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            if (res.statusCode >= 400 && res.statusCode !== 404 && res.statusCode !== 409) {
              reject(new Error(`${method} ${path}: ${res.statusCode} ${text.slice(0, 300)}`));
            } else resolve({ status: res.statusCode, body: text ? JSON.parse(text) : undefined });
          });
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { call, agent, headers };
}

/** Runs `work(item)` for every item with at most `limit` at a time. */
export async function inParallel(items, limit, work) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++];
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export function podManifest(name, nodeName, owner) {
  return {
    metadata: { name, labels: { app: 'pod-kill-bench' }, ownerReferences: [owner] },
    spec: { nodeName, automountServiceAccountToken: false, containers: [{ name: 'c', image: 'fake' }] },
  };
}

/**
 * Watches the pods of a namespace and records, per pod name, when it appeared and when its deletion
 * became visible (`deletionTimestamp` set, or DELETED).
 *
 * The watch asks for a day-long server timeout (the API server's default ends a watch after 30-60 min, which
 * a run with 10,000 pods outlasts), and if it ends or fails anyway it resumes from the last resource version
 * it saw (relisting on 410 Gone). A pod event that arrives during such a gap, or replayed just after it, carries
 * the time of the reconnection, not of the event: `overlapsGap(entry)` tells them so the caller drops them.
 */
export function watchPods(sandbox, api, namespace, { timeoutSeconds = 86_400 } = {}) {
  const seen = new Map();
  const gaps = [];
  const agent = new Agent({ keepAlive: true, ca: sandbox.caPem });
  const path = `/api/v1/namespaces/${namespace}/pods`;
  let resourceVersion;
  let req;
  let stopped = false;
  let downSince;
  let generation = 0;

  const record = (name, deleted, now) => {
    const entry = seen.get(name) ?? { addedAt: now };
    if (entry.deletedAt === undefined && deleted) entry.deletedAt = now;
    seen.set(name, entry);
  };
  const relist = async () => {
    const { body } = await api.call('GET', path);
    const now = performance.now();
    const present = new Set();
    for (const pod of body.items) {
      present.add(pod.metadata.name);
      record(pod.metadata.name, pod.metadata.deletionTimestamp !== undefined, now);
    }
    for (const name of seen.keys()) if (!present.has(name)) record(name, true, now);
    resourceVersion = body.metadata.resourceVersion;
  };
  // Ends the current connection (once: an ERROR event is followed by its close) and opens the next one.
  const reopen = (error, of = generation) => {
    if (stopped || of !== generation) return;
    generation += 1;
    req?.destroy();
    downSince ??= performance.now();
    const retry = () => setTimeout(() => open().catch(reopen), 250);
    if (error?.gone) relist().then(retry, reopen);
    else retry();
  };
  const open = () =>
    new Promise((resolve, reject) => {
      const mine = generation;
      const query = new URLSearchParams({
        watch: 'true',
        allowWatchBookmarks: 'true',
        timeoutSeconds: String(timeoutSeconds),
      });
      if (resourceVersion !== undefined) query.set('resourceVersion', resourceVersion);
      req = request(
        new URL(`${path}?${query}`, sandbox.kubeApiServerUrl),
        { agent, headers: api.headers },
        (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            const error = new Error(`watch ${path}: ${res.statusCode}`);
            error.gone = res.statusCode === 410;
            reject(error);
            return;
          }
          if (downSince !== undefined) gaps.push({ from: downSince, to: performance.now() });
          downSince = undefined;
          let buffered = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => {
            const now = performance.now();
            buffered += chunk;
            let newline = buffered.indexOf('\n');
            while (newline >= 0) {
              const event = JSON.parse(buffered.slice(0, newline));
              buffered = buffered.slice(newline + 1);
              newline = buffered.indexOf('\n');
              if (event.type === 'ERROR') {
                const error = new Error(`watch ${path}: ${event.object?.message}`);
                error.gone = event.object?.code === 410;
                reopen(error, mine);
                return;
              }
              resourceVersion = event.object?.metadata?.resourceVersion ?? resourceVersion;
              const name = event.object?.metadata?.name;
              if (event.type === 'BOOKMARK' || name === undefined) continue;
              record(
                name,
                event.type === 'DELETED' || event.object.metadata.deletionTimestamp !== undefined,
                now,
              );
            }
          });
          res.on('error', () => undefined);
          res.on('close', () => reopen(undefined, mine));
          resolve();
        },
      );
      req.on('error', reject);
      req.end();
    });
  // The first listing gives the resource version to watch from (and no synthetic ADDED events).
  const started = relist().then(open);
  return {
    started,
    seen,
    gaps,
    /**
     * Whether a time recorded for `entry` may be late: it falls in a gap of the watch or within the 2 s
     * after it (when the events of the gap are replayed). A gap still open counts up to now.
     */
    overlapsGap(entry) {
      const all = downSince === undefined ? gaps : [...gaps, { from: downSince, to: performance.now() }];
      const times = [entry.addedAt, entry.deletedAt].filter((time) => time !== undefined);
      return all.some((gap) => times.some((time) => time >= gap.from && time <= gap.to + 2_000));
    },
    stop: () => {
      stopped = true;
      req?.destroy();
      agent.destroy();
    },
  };
}
