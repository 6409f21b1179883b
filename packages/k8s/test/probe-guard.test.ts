import { createMemoryLedger, createMemoryLogger, readLedger, SimulationLockedError } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import { reconcileClusterHealthProbe } from '../src/health-probe/reconcile/reconcile-cluster-health-probe';
import { createProbeResources } from '../src/health-probe/resources/create-probe-resources';
import { probeManifests } from '../src/health-probe/resources/probe-manifests';
import { holderAnnotation, probeNamespace } from '../src/health-probe/resources/probe-resource-names';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { createWebhookTls } from '../src/health-probe/resources/self-signed-certificate';
import { waitForHeartbeatDefinitions } from '../src/health-probe/resources/wait-for-definitions';
import { runClusterHealthProbe } from '../src/health-probe/runner/cluster-health-probe';
import { buildAgentBundle } from './health-probe-support/agent-bundle';
import { existingProbeResources, probeTestCluster } from './health-probe-support/probe-cluster';

// biome-ignore lint/suspicious/noExplicitAny: raw API JSON, read field by field
type Json = Record<string, any>;

let client: KubeClient;
let kubeconfigPath: string;
let agentSource: string;
let releaseLock: (() => void) | undefined;
const stateDirectory = useTemporaryStateDirectory();

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, kubeconfigPath } = await probeTestCluster());
  agentSource = (await buildAgentBundle()).source;
});

afterAll(async () => {
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
  releaseLock?.();
});

beforeEach(async () => {
  await removeProbeResources({ client, logger: createMemoryLogger() });
});

/** The probe's resources as the Python tool installs them: the fixed names, no holder mark. */
async function installWithoutHolder(): Promise<void> {
  const manifests = probeManifests({
    replicas: 1,
    agentSource: '',
    image: 'none',
    tls: createWebhookTls('x.svc'),
  });
  await createProbeResources(client, manifests, createMemoryLogger());
  await waitForHeartbeatDefinitions(client, 30_000);
}

async function annotateNamespace(holder: Record<string, unknown>): Promise<void> {
  const path = `/api/v1/namespaces/${probeNamespace}`;
  const namespace = await client.request<Json>({ verb: 'get', path, operation: 'get namespace' });
  namespace.metadata.annotations = {
    ...namespace.metadata.annotations,
    [holderAnnotation]: JSON.stringify(holder),
  };
  await client.request({ verb: 'update', path, body: namespace, operation: 'update namespace' });
}

function probeOnce(ledger = createMemoryLedger()) {
  const logger = createMemoryLogger();
  const run = runClusterHealthProbe({ kubeconfig: { path: kubeconfigPath }, agentSource, logger, ledger });
  return { run, logger, ledger };
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();

describe('the health probe guard on the sandbox', () => {
  it('refuses to start while the namespace names a live holder, names it, and changes nothing', async () => {
    await installWithoutHolder();
    const holder = {
      runId: 'other-run',
      hostname: 'other-host',
      pid: 1,
      startedAt: minutesFromNow(-1),
      expectedEnd: minutesFromNow(10),
    };
    await annotateNamespace(holder);
    const before = await existingProbeResources(client);
    const { run, ledger } = probeOnce();
    const error = await run.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(SimulationLockedError.isInstance(error)).toBe(true);
    expect((error as SimulationLockedError).holder).toContain('run other-run (pid 1 on host other-host');
    expect((error as Error).message).toContain('in the cluster (namespace chaos-garden-probe)');
    expect((error as Error).message).toContain('chaosgarden rollback --kubeconfig');
    expect(await existingProbeResources(client)).toEqual(before);
    expect(await ledger.entries()).toEqual([]);
  });

  it('refuses an install without holder mark (the Python tool) that wrote a heartbeat just now', async () => {
    await installWithoutHolder();
    const name = `api-probe-regional-${Math.floor(Date.now() / 1000)}`;
    await client.request({
      verb: 'create',
      path: '/apis/chaos.gardener.cloud/v1/heartbeats',
      body: { apiVersion: 'chaos.gardener.cloud/v1', kind: 'Heartbeat', metadata: { name }, ready: true },
      operation: 'create heartbeat',
    });
    const error = await probeOnce().run.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(SimulationLockedError.isInstance(error)).toBe(true);
    expect((error as SimulationLockedError).holder).toMatch(
      /without holder mark .* last heartbeat is \d+s old/,
    );
    expect(await existingProbeResources(client)).toContain('Namespace chaos-garden-probe');
  });

  it("removes an overdue holder's install as a left-over, then probes and records install and removal in the ledger", async () => {
    await installWithoutHolder();
    await annotateNamespace({
      runId: 'old-run',
      hostname: 'other-host',
      pid: 1,
      startedAt: minutesFromNow(-60),
      expectedEnd: minutesFromNow(-1),
    });
    const { createFileLedger } = await import('@chaosgarden/core');
    const ledger = createFileLedger({ directory: stateDirectory() });
    const { run, logger } = probeOnce(ledger);
    expect(await run).toBe(true);
    expect(logger.entries.map((entry) => entry.message)).toContainEqual(
      expect.stringMatching(
        /^Found a left-over health probe \(its holder run old-run .* is overdue\); removing it first\.$/,
      ),
    );
    expect(await existingProbeResources(client)).toEqual([]);
    const entries = await readLedger(ledger.runId, { directory: stateDirectory() });
    expect(entries.map((entry) => entry.phase)).toEqual(['intent', 'done', 'undone']);
    expect(entries[0]).toMatchObject({
      provider: 'k8s',
      zone: 'cluster',
      action: 'install-health-probe',
      undo: { operation: 'removeProbeResources', cluster: client.host },
    });
    expect(entries[0]?.resources.slice(0, 2)).toEqual([client.host, 'namespace/chaos-garden-probe']);
  });
});

describe('reconcileClusterHealthProbe on the sandbox', () => {
  it("removes the Python tool's install found by the fixed names and verifies every object gone", async () => {
    await installWithoutHolder();
    const logger = createMemoryLogger();
    const report = await reconcileClusterHealthProbe({ kubeconfig: kubeconfigPath, logger });
    expect(report.cluster).toBe(client.host);
    expect(report.removed).toHaveLength(13);
    expect(report.removed).toContain('Namespace chaos-garden-probe');
    expect(report.verified).toHaveLength(13);
    expect(report.leftovers).toEqual([]);
    expect(await existingProbeResources(client)).toEqual([]);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages).toContainEqual(expect.stringMatching(/^Found 13 health probe resource\(s\) in /));
    expect(messages).toContain('Verified 13 health probe resource(s) gone.');
  });

  it('in a dry run lists every probe object that exists, with kind and name, and removes nothing', async () => {
    await installWithoutHolder();
    const before = await existingProbeResources(client);
    expect(before).toHaveLength(13);
    const logger = createMemoryLogger();

    const report = await reconcileClusterHealthProbe({ kubeconfig: kubeconfigPath, dryRun: true, logger });

    expect(report).toMatchObject({
      cluster: client.host,
      dryRun: true,
      removed: [],
      verified: [],
      leftovers: [],
    });
    expect(report.found).toHaveLength(13);
    expect(report.found).toContainEqual({ kind: 'Namespace', name: 'chaos-garden-probe' });
    expect(report.found).toContainEqual({
      kind: 'Deployment',
      name: 'probe',
      namespace: 'chaos-garden-probe',
    });
    expect(report.found.map((object) => `${object.kind} ${object.name}`)).toEqual(before);
    expect(report.wouldRemove).toEqual(
      report.found.map(
        (object) =>
          `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`,
      ),
    );
    expect(report.holder).toBeUndefined();
    const messages = logger.entries.map((entry) => entry.message);
    for (const object of report.wouldRemove) {
      expect(messages).toContain(`Dry run: would delete ${object} in ${client.host}.`);
    }
    expect(messages).toContain(
      `Dry run: would remove 13 health probe resource(s) from ${client.host}; nothing was changed.`,
    );
    // Read back: every object is still there.
    expect(await existingProbeResources(client)).toEqual(before);
  });

  it('names a holder on another machine that it overrides, in the dry run and in the removal', async () => {
    await installWithoutHolder();
    await annotateNamespace({
      runId: 'other-run',
      hostname: 'other-host',
      pid: 1,
      startedAt: minutesFromNow(-1),
      expectedEnd: minutesFromNow(10),
    });
    const dryLogger = createMemoryLogger();
    const dry = await reconcileClusterHealthProbe({
      kubeconfig: kubeconfigPath,
      dryRun: true,
      logger: dryLogger,
    });
    expect(dry.holder).toMatch(/^run other-run \(pid 1 on host other-host, since /);
    expect(dry.wouldRemove).toHaveLength(13);
    expect(dryLogger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: expect.stringContaining(`held by ${dry.holder}`) }),
    );
    expect(await existingProbeResources(client)).toHaveLength(13);

    const logger = createMemoryLogger();
    const report = await reconcileClusterHealthProbe({ kubeconfig: kubeconfigPath, logger });
    expect(report.holder).toBe(dry.holder);
    expect(report.removed).toHaveLength(13);
    expect(logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining(
          `held by ${dry.holder}, which may still be running on another machine: removing it anyway`,
        ),
      }),
    );
    expect(await existingProbeResources(client)).toEqual([]);
  });

  it('reports nothing removed on a clean cluster and still verifies every object', async () => {
    const logger = createMemoryLogger();
    const report = await reconcileClusterHealthProbe({ kubeconfig: { path: kubeconfigPath }, logger });
    expect(report).toMatchObject({ removed: [], leftovers: [] });
    expect(report.verified).toHaveLength(13);
    expect(logger.entries.map((entry) => entry.message)).toContain(
      `No health probe resources found in ${client.host}.`,
    );
  });
});
