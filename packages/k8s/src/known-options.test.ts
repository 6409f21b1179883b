import { createMemoryLogger, UnknownOptionError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import {
  listClusterKeyResources,
  reconcileClusterHealthProbe,
  rollbackClusterHealthProbe,
  runClusterHealthProbe,
  runClusterHealthProbeInBackground,
  runPodFailureSimulation,
  runPodFailureSimulationInBackground,
} from './index';

// Nothing listens there: a call that got as far as the cluster would fail with a connection error.
const yaml =
  'current-context: c\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:9"}}]\ncontexts: [{name: c, context: {cluster: k}}]';
const base = { kubeconfig: { yaml }, logger: createMemoryLogger() };

type Call = ((options: Record<string, unknown>) => Promise<unknown>) & { declaration?: { name: string } };
const functions: [Call, string, string][] = [
  [runPodFailureSimulation as Call, 'gracePeriods', 'gracePeriod'],
  [listClusterKeyResources as Call, 'leaseLabelSelectr', 'leaseLabelSelector'],
  [runClusterHealthProbe as Call, 'report_directory', 'reportDirectory'],
  [rollbackClusterHealthProbe as Call, 'cleanupTimeout', 'cleanupTimeoutMs'],
  [reconcileClusterHealthProbe as Call, 'dryrun', 'dryRun'],
];

describe('the exported k8s functions', () => {
  it.each(functions)(
    '%o refuses a misspelt option before contacting the cluster',
    async (action, typo, meant) => {
      const error = await action({ ...base, [typo]: 1 }).catch((failure: unknown) => failure);
      expect(UnknownOptionError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({
        action: action.declaration?.name,
        unknownOptions: [typo],
        closest: { [typo]: meant },
      });
      expect(action.name).toBe(action.declaration?.name);
    },
  );

  it('refuse it in the background forms too, when joined', async () => {
    const pods = runPodFailureSimulationInBackground({ ...base, podLabelSelectr: 'a=b' } as never);
    await expect(pods.join()).rejects.toMatchObject({ code: 'unknown-option' });
    const probe = runClusterHealthProbeInBackground({ ...base, thresholdz: {} } as never);
    await expect(probe.join()).rejects.toMatchObject({ code: 'unknown-option' });
  });

  it('declare whether they take configuration and secrets', () => {
    expect(listClusterKeyResources.declaration).toMatchObject({ configuration: true, secrets: true });
    expect(runPodFailureSimulation.declaration).toMatchObject({ configuration: false, secrets: true });
  });
});
