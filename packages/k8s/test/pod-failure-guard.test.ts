import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger, SimulationLockedError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { runPodFailureSimulation, runPodFailureSimulationInBackground } from '../src/index';
import {
  createNamespace,
  createTestNodes,
  deleteNamespace,
  deleteNodes,
  runId,
  sandboxCluster,
} from './support/sandbox-cluster';
import { createOwner, createPod, podKey } from './support/test-pods';

describe('pod failure simulation guard', () => {
  it('refuses a second simulation with the same selectors on the same cluster while the first runs', async () => {
    const cluster = sandboxCluster();
    const selector = `chaosgarden.test/run=${runId('cg-guard')}`;
    const options = {
      kubeconfig: { path: cluster.connection.kubeconfigPath },
      podLabelSelector: selector,
      logger: createMemoryLogger(),
      stateDirectory: mkdtempSync(join(tmpdir(), 'chaosgarden-pod-guard-')),
    };
    const first = runPodFailureSimulationInBackground({ ...options, duration: -1 });
    await new Promise((resolve) => setTimeout(resolve, 500));

    const second = runPodFailureSimulation({ ...options, duration: 0 });
    await expect(second).rejects.toSatisfy(SimulationLockedError.isInstance);
    await expect(second).rejects.toThrow(
      /pod failure simulation on https:\/\/127\.0\.0\.1:\d+ .* held on this machine/,
    );

    // Other selectors are another simulation.
    const other = await runPodFailureSimulation({
      ...options,
      podLabelSelector: `${selector}-other`,
      duration: 0,
    });
    expect(other.deleted).toEqual([]);

    await first.terminate();
    const again = await runPodFailureSimulation({ ...options, duration: 0 });
    expect(again.deleted).toEqual([]);
  });

  it('spares the pod it runs in (found as Kubernetes tells a pod), unless allowSelfTarget', async () => {
    const cluster = sandboxCluster();
    const run = runId('cg-self');
    const [node] = await createTestNodes(cluster, run, [{ zone: 'us-east-1a', pool: 'blue' }]);
    await createNamespace(cluster, run);
    const saved = { ...process.env };
    try {
      const owner = await createOwner(cluster, run, 'owner');
      const labels = { app: run };
      await createPod(cluster, run, 'runner', node?.name ?? '', owner, labels);
      await createPod(cluster, run, 'victim', node?.name ?? '', owner, labels);
      // What the kubelet sets in every pod (the namespace file is replaced by the Downward API variable).
      Object.assign(process.env, {
        KUBERNETES_SERVICE_HOST: '10.0.0.1',
        POD_NAME: 'runner',
        POD_NAMESPACE: run,
      });
      const options = {
        kubeconfig: { path: cluster.connection.kubeconfigPath },
        podLabelSelector: `app=${run}`,
        duration: 0,
        stateDirectory: mkdtempSync(join(tmpdir(), 'chaosgarden-pod-self-')),
      };

      const logger = createMemoryLogger();
      const spared = await runPodFailureSimulation({ ...options, logger });
      expect(spared.deleted.map(podKey)).toEqual([`${run}/victim`]);
      expect(logger.entries.map((entry) => entry.message)).toContain(
        `Sparing pod ${run}/runner: this process runs in it.`,
      );

      const allowed = await runPodFailureSimulation({
        ...options,
        logger: createMemoryLogger(),
        allowSelfTarget: true,
      });
      expect(allowed.deleted.map(podKey)).toEqual([`${run}/runner`]);
    } finally {
      for (const key of ['KUBERNETES_SERVICE_HOST', 'POD_NAME', 'POD_NAMESPACE']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await deleteNamespace(cluster, run);
      await deleteNodes(cluster, [node?.name ?? '']);
    }
  });
});
