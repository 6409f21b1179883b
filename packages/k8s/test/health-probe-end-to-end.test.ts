import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import { computeProbeMetrics } from '../src/health-probe/metrics/compute-probe-metrics';
import type { ProbeReport } from '../src/health-probe/report/probe-report-data';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { runClusterHealthProbeInBackground } from '../src/health-probe/runner/cluster-health-probe';
import { HealthProbeFailedError } from '../src/health-probe/runner/health-probe-failed-error';
import { buildAgentBundle } from './health-probe-support/agent-bundle';
import { type LocalAgent, startLocalAgent } from './health-probe-support/local-agent';
import {
  eventually,
  existingProbeResources,
  listProbePods,
  probeTestCluster,
} from './health-probe-support/probe-cluster';
import { LoopbackProxy } from './support/loopback-proxy';
import type { SandboxCluster } from './support/sandbox-cluster';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

const reportDirectory = fileURLToPath(new URL('../../../test-artifacts/health-probe', import.meta.url));
const namespace = 'chaos-garden-probe';
// Probes the local set-up exercises: API (through a proxy per zone) and DNS (names that resolve locally).
const exercised = ['api-external', 'api-internal', 'dns-external', 'dns-internal'];

let client: KubeClient;
let sandbox: SandboxCluster;
let kubeconfigPath: string;
const agents: LocalAgent[] = [];
const proxies: LoopbackProxy[] = [];
let tlsDirectory: string;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, sandbox, kubeconfigPath } = await probeTestCluster());
  tlsDirectory = mkdtempSync(join(tmpdir(), 'health-probe-tls-'));
});

afterAll(async () => {
  await Promise.all(agents.map((agent) => agent.stop()));
  await Promise.all(proxies.map((proxy) => proxy.stop()));
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
  rmSync(tlsDirectory, { recursive: true, force: true });
  releaseLock?.();
});

async function serviceAccountToken(): Promise<string> {
  return eventually('a token of the probe service account', async () => {
    const answer = await client.request<{ status: { token: string } }>({
      verb: 'create',
      path: `/api/v1/namespaces/${namespace}/serviceaccounts/probe/token`,
      body: {
        apiVersion: 'authentication.k8s.io/v1',
        kind: 'TokenRequest',
        spec: { expirationSeconds: 3600 },
      },
      operation: 'request token',
    });
    return answer.status.token;
  });
}

async function writeWebhookTls(): Promise<{ cert: string; key: string }> {
  const secret = await eventually('the web-hook TLS secret', () =>
    client.request<{ data: Record<string, string> }>({
      verb: 'get',
      path: `/api/v1/namespaces/${namespace}/secrets/probe-webhook-tls`,
      operation: 'get secret',
    }),
  );
  const cert = join(tlsDirectory, 'webhook.crt');
  const key = join(tlsDirectory, 'webhook.key');
  writeFileSync(cert, Buffer.from(secret.data['webhook.crt'] ?? '', 'base64'));
  writeFileSync(key, Buffer.from(secret.data['webhook.key'] ?? '', 'base64'));
  return { cert, key };
}

describe('the cluster health probe end to end on the sandbox', () => {
  it('measures the downtime of the one zone whose agent is cut off from the API server, and none elsewhere', async () => {
    const bundle = await buildAgentBundle();
    const logger = createMemoryLogger();
    const thresholds = {
      regional: { api: 0, 'web-hook': 1000 },
      '1': { 'api-external': 5, 'api-internal': 5 },
      '!1': { 'api-external': 0, 'api-internal': 0, 'dns-external': 0, 'dns-internal': 0 },
    };
    const task = runClusterHealthProbeInBackground({
      duration: 90,
      thresholds,
      kubeconfig: { path: kubeconfigPath },
      agentSource: bundle.source,
      reportDirectory,
      logger,
    });
    const probing = task.join();
    probing.catch(() => undefined);

    // The kwok pods stand for the agents: one local agent per probe pod, named and zoned like it.
    const pods = await eventually('probe pods scheduled', async () => {
      const found = (await listProbePods(client)).filter(
        (pod) => pod.role === 'probe' && pod.nodeName && !pod.deleting,
      );
      return found.length >= 3 ? found : undefined;
    });
    const token = await serviceAccountToken();
    const tls = await writeWebhookTls();
    const server = new URL(sandbox.connection.kubeApiServerUrl);
    const zoneOfPod = new Map<string, string>();
    for (const pod of pods) {
      const node = await client.request<{ metadata: { labels: Record<string, string> } }>({
        verb: 'get',
        path: `/api/v1/nodes/${pod.nodeName}`,
        operation: 'get node',
      });
      zoneOfPod.set(pod.name, node.metadata.labels['topology.kubernetes.io/zone'] ?? '');
    }
    const zones = [...zoneOfPod.values()].sort();
    const cutZone = zones[1] as string;
    let cutProxy: LoopbackProxy | undefined;
    for (const pod of pods) {
      const proxy = new LoopbackProxy(server.hostname, Number(server.port));
      await proxy.start();
      proxies.push(proxy);
      if (zoneOfPod.get(pod.name) === cutZone) cutProxy = proxy;
      agents.push(
        startLocalAgent(bundle.path, zoneOfPod.get(pod.name) ?? '', {
          POD_NAME: pod.name,
          POD_NAMESPACE: namespace,
          API_SERVER: proxy.url,
          INTERNAL_API_SERVER: proxy.url,
          TOKEN: token,
          CA_FILE: sandbox.connection.kubeCaPath,
          DNS_EXTERNAL_NAME: 'localhost',
          DNS_INTERNAL_NAME: 'localhost',
          WEBHOOK_LISTEN: '127.0.0.1:0',
          TLS_CERT_FILE: tls.cert,
          TLS_KEY_FILE: tls.key,
        }),
      );
    }

    // Cut the middle zone's agent off for 20 s, in the middle of the 90 s.
    await new Promise((resolve) => setTimeout(resolve, 30_000));
    const cutStart = Date.now();
    await cutProxy?.cut();
    await new Promise((resolve) => setTimeout(resolve, 20_000));
    await cutProxy?.restore();
    const cutEnd = Date.now();
    const cutSeconds = (cutEnd - cutStart) / 1000;

    const failure = await probing.then(
      () => undefined,
      (error: unknown) => error,
    );
    writeFileSync(join(reportDirectory, 'probe.log'), logger.lines().join('\n'));
    for (const agent of agents)
      writeFileSync(join(reportDirectory, `agent-${agent.zone}.log`), agent.output());
    const agentOutput = agents.map((agent) => `--- ${agent.zone}\n${agent.output().slice(-3000)}`).join('\n');
    expect(HealthProbeFailedError.isInstance(failure), `${String(failure)}\n${agentOutput}`).toBe(true);
    expect((failure as HealthProbeFailedError).message).toMatch(
      /^Probe failed \(thresholds violated\)! Functional outage detected: API-EXTERNAL/,
    );
    const report = JSON.parse(readFileSync(join(reportDirectory, 'metrics.json'), 'utf8')) as ProbeReport;
    const row = (probe: string, zone: string) =>
      report.rows.find((entry) => entry.probe === probe && entry.zone === zone);

    // What the spec's rules make of the outage: Ready every second, NotReady while cut off (gap rules included).
    const predicted = computeProbeMetrics({
      heartbeats: Array.from({ length: report.stop - report.start + 1 }, (_, offset) => {
        const second = report.start + offset;
        const cut = second >= Math.floor(cutStart / 1000) && second < Math.ceil(cutEnd / 1000);
        return { name: `api-external-probe-${cutZone}-${second}`, ready: !cut };
      }),
      start: report.start,
      stop: report.stop,
    }).downtimeSeconds;
    const figures = {
      cutZone,
      cutSeconds,
      predictedSeconds: predicted,
      measuredSeconds: Object.fromEntries(
        ['api-external', 'api-internal'].map((probe) => [probe, row(probe, cutZone)?.downtimeSeconds]),
      ),
    };
    writeFileSync(join(reportDirectory, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
    for (const probe of ['api-external', 'api-internal']) {
      const measured = row(probe, cutZone)?.downtimeSeconds ?? Number.NaN;
      expect(
        Math.abs(measured - predicted),
        `${probe} in ${cutZone}: ${measured}s vs ${predicted}s\n${agentOutput}`,
      ).toBeLessThanOrEqual(3);
      expect(Math.abs(measured - cutSeconds)).toBeLessThanOrEqual(3);
    }
    for (const zone of zones) {
      for (const probe of exercised) {
        const entry = row(probe, zone);
        expect(entry, `${probe} in ${zone}`).toBeDefined();
        expect(entry?.received).toBeGreaterThan(40);
        if (zone !== cutZone || probe.startsWith('dns-')) {
          expect(entry?.downtimeSeconds, `${probe} in ${zone}\n${agentOutput}`).toBe(0);
        }
      }
    }
    expect(row('api', 'regional')).toMatchObject({ downtimeSeconds: 0, lost: 0 });
    expect(report.violations.map((violation) => `${violation.probe} ${violation.zone}`).sort()).toEqual([
      `api-external ${cutZone}`,
      `api-internal ${cutZone}`,
    ]);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages).toContain(`Cluster spread across the following detected zones: ${zones.join(', ')}`);
    expect(
      messages.some((message) =>
        message.startsWith(`Functional outage detected: API-EXTERNAL in zone ${cutZone.toUpperCase()}`),
      ),
    ).toBe(true);

    // The probe rolled itself back.
    expect(await existingProbeResources(client)).toEqual([]);
  }, 300_000);
});
