import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import type { KubeClient } from '../src/cluster/kube-client';
import type { ProbeReport } from '../src/health-probe/report/probe-report-data';
import { runClusterHealthProbe } from '../src/health-probe/runner/cluster-health-probe';
import { buildAgentBundle } from './health-probe-support/agent-bundle';
import { type LocalAgent, startLocalAgent } from './health-probe-support/local-agent';
import {
  eventually,
  existingProbeResources,
  listProbePods,
  probeTestCluster,
} from './health-probe-support/probe-cluster';
import type { SandboxCluster } from './support/sandbox-cluster';

// Probe runs write a ledger and a lock: keep them out of the user's state directory.
useTemporaryStateDirectory();

const reportDirectory = fileURLToPath(new URL('../../../test-artifacts/health-probe-run', import.meta.url));
let client: KubeClient;
let sandbox: SandboxCluster;
let kubeconfigPath: string;
let agent: LocalAgent | undefined;

let releaseLock: (() => void) | undefined;

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, sandbox, kubeconfigPath } = await probeTestCluster());
});

afterAll(async () => {
  await agent?.stop();
  client?.close();
  releaseLock?.();
});

describe('runClusterHealthProbe on the sandbox', () => {
  it('returns true for a single invocation without thresholds (default toleration) and leaves nothing behind', async () => {
    const logger = createMemoryLogger();
    const { source } = await buildAgentBundle();
    const passed = await runClusterHealthProbe({
      kubeconfig: { path: kubeconfigPath },
      agentSource: source,
      logger,
    });
    expect(passed).toBe(true);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages).toContain(
      'No thresholds given: every probe and zone tolerates the default of 0s downtime.',
    );
    expect(messages).toContain(`Probing health of ${sandbox.connection.kubeApiServerUrl}.`);
    expect(messages).toContain(
      '  - Zone: REGIONAL (1x sent, 1x received, 0x gaps, 0x lost, 0s total downtime and 0s maximum toleration)',
    );
    expect(await existingProbeResources(client)).toEqual([]);
  });

  it('with silent: true returns false (instead of throwing) when an agent measures downtime beyond the toleration', async () => {
    const logger = createMemoryLogger();
    const bundle = await buildAgentBundle();
    const probing = runClusterHealthProbe({
      duration: 20,
      silent: true,
      thresholds: { regional: { api: 0 } },
      kubeconfig: { path: kubeconfigPath },
      agentSource: bundle.source,
      reportDirectory,
      logger,
    });
    probing.catch(() => undefined);
    const [pod] = await eventually('a scheduled probe pod', async () => {
      const found = (await listProbePods(client)).filter((entry) => entry.role === 'probe' && entry.nodeName);
      return found.length > 0 ? found : undefined;
    });
    // The agent reaches the API server, but its "internal" address refuses connections.
    agent = startLocalAgent(bundle.path, 'one', {
      POD_NAME: pod?.name ?? '',
      POD_NAMESPACE: 'chaos-garden-probe',
      API_SERVER: sandbox.connection.kubeApiServerUrl,
      INTERNAL_API_SERVER: 'https://127.0.0.1:1',
      TOKEN: sandbox.connection.token,
      CA_FILE: sandbox.connection.kubeCaPath,
      WORKERS: 'api',
    });
    expect(await probing, agent.output()).toBe(false);
    await agent.stop();
    const report = JSON.parse(readFileSync(join(reportDirectory, 'metrics.json'), 'utf8')) as ProbeReport;
    const internal = report.rows.find((row) => row.probe === 'api-internal');
    expect(internal?.downtimeSeconds).toBeGreaterThan(5);
    expect(internal?.phases.every((phase) => phase.state === 'NotReady')).toBe(true);
    expect(report.rows.find((row) => row.probe === 'api-external')?.downtimeSeconds).toBe(0);
    const errors = logger.entries.filter((entry) => entry.level === 'error').map((entry) => entry.message);
    expect(errors).toEqual([
      expect.stringMatching(
        /^Functional outage detected: API-INTERNAL in zone .* but only 0s were tolerated/,
      ),
    ]);
    expect(await existingProbeResources(client)).toEqual([]);
  });
});
