// Pod-kill benchmark: how fast does a pod failure simulation see and delete a new pod, and how many API
// requests does it send, as the cluster grows? Runs @chaosgarden/k8s (built dist) and the Python chaosgarden
// (the sandbox's reference virtualenv) against the sandbox's kube-apiserver + kwok, one after the other.
//
// For each pod count (default 100, 1000, 5000, 10000 pods on kwok nodes in zones b/c, all in the watched namespace):
//   1. start the tool (zone us-east-1a, runtime 0) behind its own counting proxy, let it settle;
//   2. count its list/watch/get requests over a steady window (deletions excluded) → requests per minute;
//   3. create N sample pods one by one in the target zone and measure, with a separate watch, the time from
//      a pod's creation until its deletion is requested (p50, p95).
// Targets: p95 under 200 ms, and requests per minute independent of the pod count.
//
// Usage: npm run build && npm run sandbox -- up && node bench/pod-kill.mjs
//        [--counts 100,1000,5000,10000] [--samples 50] [--interval-ms 200] [--steady-seconds 30] [--skip-python]
//        [--drain-seconds 60] [--python-drain-seconds 300] [--python-samples N] [--watch-timeout-seconds 86400]
// Exits 1, saying why on stderr, when a size or tool measured fewer samples than asked (bench/pod-kill/verdict.mjs).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createKwokNodes } from '@chaosgarden/testkit';
import { proxyKubeconfig, startCountingProxy } from './pod-kill/counting-proxy.mjs';
import { inParallel, kubeApi, podManifest, readSandbox, watchPods } from './pod-kill/kube.mjs';
import { formatReport, percentile } from './pod-kill/report.mjs';
import { formatProblems, verdict } from './pod-kill/verdict.mjs';

const { values: flags } = parseArgs({
  options: {
    counts: { type: 'string', default: '100,1000,5000,10000' },
    samples: { type: 'string', default: '50' },
    'interval-ms': { type: 'string', default: '200' },
    'steady-seconds': { type: 'string', default: '30' },
    'skip-python': { type: 'boolean', default: false },
    // The Python tool lists every pod every pass (p50 48 s at 10,000 pods here): its deletions are
    // awaited longer, and its sample count can be bounded. Both bounds are printed with the figures.
    'python-samples': { type: 'string' },
    'python-drain-seconds': { type: 'string', default: '300' },
    'drain-seconds': { type: 'string', default: '60' },
    'watch-timeout-seconds': { type: 'string', default: '86400' },
  },
});
const counts = flags.counts.split(',').map(Number);
const samples = Number(flags.samples);
const intervalMs = Number(flags['interval-ms']);
const steadyMs = Number(flags['steady-seconds']) * 1000;
const drainMs = { typescript: Number(flags['drain-seconds']) * 1000 };
drainMs.python = Math.max(drainMs.typescript, Number(flags['python-drain-seconds']) * 1000);
const samplesOf = {
  typescript: samples,
  python: Math.min(samples, Number(flags['python-samples'] ?? samples)),
};
// A Python pass can outlast the steady window: the window is stretched until it holds two of its lists.
const steadyCapMs = Math.max(steadyMs, 180_000);
const tools = flags['skip-python'] ? ['typescript'] : ['typescript', 'python'];

const root = new URL('../', import.meta.url);
const sandbox = readSandbox(root);
const api = kubeApi(sandbox);
const namespace = 'cg-bench-pod-kill';
const run = 'pod-kill';
const targetNode = `cg-bench-${run}-a`;
const populationNodes = [
  ...['b', 'c'].flatMap((zone) => [0, 1, 2, 3, 4].map((index) => `cg-bench-${run}-${zone}${index}`)),
];
const selectors = {
  podNodeLabelSelector: `topology.kubernetes.io/zone=us-east-1a,chaosgarden.bench/run=${run}`,
  podMetadataSelector: `namespace=${namespace}`,
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const scratch = mkdtempSync(join(tmpdir(), 'chaosgarden-bench-pod-kill-'));
let owner;
let population = 0;

async function until(what, condition, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function setUp() {
  await tearDown();
  await until(
    'the old namespace to go',
    async () => (await api.call('GET', `/api/v1/namespaces/${namespace}`)).status === 404,
    900_000,
  );
  await api.call('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  const access = { server: sandbox.kubeApiServerUrl, caPem: sandbox.caPem, token: sandbox.token };
  const node = (name, zone) => ({
    name,
    zone,
    region: 'us-east-1',
    labels: { 'chaosgarden.bench/run': run },
  });
  await createKwokNodes(access, [
    node(targetNode, 'us-east-1a'),
    ...populationNodes.map((name) => node(name, name.includes('-b') ? 'us-east-1b' : 'us-east-1c')),
  ]);
  await until(
    'the namespace',
    async () =>
      (await api.call('GET', `/api/v1/namespaces/${namespace}/serviceaccounts/default`)).status === 200,
    30_000,
  );
  const configMap = await api.call('POST', `/api/v1/namespaces/${namespace}/configmaps`, {
    metadata: { name: 'owner' },
  });
  owner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: configMap.body.metadata.uid };
}

async function tearDown() {
  // With thousands of pods the collection delete outlasts the API server's 60 s request timeout (504, or the
  // connection is closed) and goes on server-side; the namespace's deletion finishes the job either way.
  await api
    .call('DELETE', `/api/v1/namespaces/${namespace}/pods?gracePeriodSeconds=0`)
    .catch(() => undefined);
  await api.call('DELETE', `/api/v1/namespaces/${namespace}`);
  for (const name of [targetNode, ...populationNodes]) await api.call('DELETE', `/api/v1/nodes/${name}`);
}

/** Adds pods on the zone b/c nodes until there are `count`, and waits until kwok runs them all. */
async function growPopulation(count) {
  const names = Array.from({ length: count - population }, (_, index) => `pop-${population + index}`);
  await inParallel(names, 32, (name) => {
    const nodeName = populationNodes[Number(name.slice(4)) % populationNodes.length];
    return api.call('POST', `/api/v1/namespaces/${namespace}/pods`, podManifest(name, nodeName, owner));
  });
  population = count;
  const notRunning = `/api/v1/namespaces/${namespace}/pods?fieldSelector=status.phase!%3DRunning&limit=1`;
  await until(
    'kwok to run every pod',
    async () => (await api.call('GET', notRunning)).body.items.length === 0,
    180_000,
  );
}

function startTool(tool, proxy) {
  const kubeconfig = proxyKubeconfig(proxy.url, sandbox.token);
  if (tool === 'typescript') {
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('pod-kill/run-typescript.mjs', import.meta.url)),
        JSON.stringify({ kubeconfig: { object: kubeconfig }, ...selectors }),
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    return { child, stop: () => child.stdin.end() };
  }
  const path = join(scratch, 'python-kubeconfig.json');
  writeFileSync(path, JSON.stringify(kubeconfig));
  const parameters = {
    pod_node_label_selector: selectors.podNodeLabelSelector,
    pod_metadata_selector: selectors.podMetadataSelector,
    secrets: { kubeconfig_path: path },
  };
  const child = spawn(
    sandbox.referencePython,
    [fileURLToPath(new URL('pod-kill/run-python.py', import.meta.url)), JSON.stringify(parameters)],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return { child, stop: () => child.kill('SIGTERM') };
}

async function stopTool({ child, stop }) {
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  stop();
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
  return output;
}

async function measure(tool, count, watch) {
  const proxy = await startCountingProxy(sandbox);
  const process = startTool(tool, proxy);
  // Settled: the first listing went through (both caches for the TypeScript tool), plus a little.
  await until(`${tool} to list`, () => proxy.snapshot().list >= (tool === 'typescript' ? 2 : 1), 120_000);
  await sleep(3_000);
  const before = proxy.snapshot();
  const windowStart = performance.now();
  await sleep(steadyMs);
  if (tool === 'python') {
    await until('two lists', () => proxy.snapshot().list - before.list >= 2, steadyCapMs - steadyMs).catch(
      () => undefined,
    );
  }
  const after = proxy.snapshot();
  const windowMs = performance.now() - windowStart;
  const minutes = windowMs / 60_000;
  const perMinute = (key) => (after[key] - before[key]) / minutes;
  const names = [];
  for (let index = 0; index < samplesOf[tool]; index++) {
    const slot = performance.now() + intervalMs;
    const name = `target-${tool}-${count}-${index}`;
    names.push(name);
    const created = await api.call(
      'POST',
      `/api/v1/namespaces/${namespace}/pods`,
      podManifest(name, targetNode, owner),
    );
    if (created.status !== 201) throw new Error(`creating sample pod ${name}: ${created.status}`);
    await sleep(Math.max(0, slot - performance.now()));
  }
  const deletedAll = () => names.every((name) => watch.seen.get(name)?.deletedAt !== undefined);
  await until('the deletions', deletedAll, drainMs[tool]).catch(() => undefined);
  const output = await stopTool(process);
  await proxy.close();
  await inParallel(names, 16, (name) =>
    api.call('DELETE', `/api/v1/namespaces/${namespace}/pods/${name}?gracePeriodSeconds=0`),
  );
  const unseen = names.filter((name) => !watch.seen.has(name)).length;
  const undeleted = names.length - unseen - names.filter((name) => watch.seen.get(name)?.deletedAt).length;
  const deleted = names.map((name) => watch.seen.get(name)).filter((entry) => entry?.deletedAt !== undefined);
  // A time recorded across a gap of the bench's own watch is the reconnection's, not the event's: dropped.
  const late = deleted.filter((entry) => watch.overlapsGap(entry));
  const latencies = deleted
    .filter((entry) => !watch.overlapsGap(entry))
    .map((entry) => entry.deletedAt - entry.addedAt);
  return {
    tool,
    count,
    latencies,
    samples: samplesOf[tool],
    bounded:
      samplesOf[tool] < samples
        ? `samples bounded to ${samplesOf[tool]} of ${samples} (--python-samples)`
        : undefined,
    note:
      windowMs > steadyMs + 1_000
        ? `steady window stretched to ${(windowMs / 1000).toFixed(0)} s to hold two of its lists`
        : undefined,
    reads: perMinute('list') + perMinute('watch') + perMinute('get'),
    lists: perMinute('list'),
    watches: perMinute('watch'),
    gets: perMinute('get'),
    megabytes: perMinute('responseBytes') / 1e6,
    self: output.trim() === '' ? undefined : JSON.parse(output),
    why: [
      unseen > 0 ? `the bench's watch never saw ${unseen} of them created` : '',
      undeleted > 0 ? `${undeleted} not deleted within ${drainMs[tool] / 1000} s of the last creation` : '',
    ]
      .filter(Boolean)
      .join('; '),
    problem:
      late.length > 0
        ? `${late.length} sample(s) dropped: their times fell in a gap of the bench's own pod watch`
        : undefined,
  };
}

const started = performance.now();
const rows = [];
let watch;
try {
  await setUp();
  watch = watchPods(sandbox, api, namespace, { timeoutSeconds: Number(flags['watch-timeout-seconds']) });
  await watch.started;
  for (const count of counts) {
    const grown = performance.now();
    await growPopulation(count);
    process.stderr.write(
      `bench pod-kill: ${count} pods ready in ${((performance.now() - grown) / 1000).toFixed(1)} s\n`,
    );
    for (const tool of tools) {
      const row = await measure(tool, count, watch);
      rows.push(row);
      process.stderr.write(
        `bench pod-kill: measured ${tool} with ${count} pods: ${row.latencies.length}/${row.samples} samples` +
          `${row.why ? ` (${row.why})` : ''}, p95 ${percentile(row.latencies, 95).toFixed(0)} ms\n`,
      );
    }
  }
} finally {
  watch?.stop();
  await tearDown();
  api.agent.destroy();
  rmSync(scratch, { recursive: true, force: true });
}
const context = {
  sandbox,
  samples,
  intervalMs,
  steadyMs,
  drainMs,
  watchGaps: watch?.gaps.length ?? 0,
  seconds: (performance.now() - started) / 1000,
};
process.stdout.write(`${formatReport(rows, context)}\n`);
const { ok, problems } = verdict(rows, { counts, tools });
if (!ok) {
  process.stderr.write(`${formatProblems(problems)}\n`);
  process.exitCode = 1;
}
