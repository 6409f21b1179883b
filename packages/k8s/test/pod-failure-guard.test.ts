import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger, SimulationLockedError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { runPodFailureSimulation, runPodFailureSimulationInBackground } from '../src/index';
import { runId, sandboxCluster } from './support/sandbox-cluster';

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
});
