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
 */
export function watchPods(sandbox, api, namespace) {
  const seen = new Map();
  let req;
  const started = new Promise((resolve, reject) => {
    req = request(
      new URL(
        `/api/v1/namespaces/${namespace}/pods?watch=true&allowWatchBookmarks=true`,
        sandbox.kubeApiServerUrl,
      ),
      { agent: new Agent({ ca: sandbox.caPem }), headers: api.headers },
      (res) => {
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
            const name = event.object?.metadata?.name;
            if (event.type === 'BOOKMARK' || name === undefined) continue;
            const entry = seen.get(name) ?? { addedAt: now };
            if (
              entry.deletedAt === undefined &&
              (event.type === 'DELETED' || event.object.metadata.deletionTimestamp)
            ) {
              entry.deletedAt = now;
            }
            seen.set(name, entry);
          }
        });
        res.on('error', () => undefined);
        resolve();
      },
    );
    req.on('error', reject);
    req.end();
  });
  return { started, seen, stop: () => req.destroy() };
}
