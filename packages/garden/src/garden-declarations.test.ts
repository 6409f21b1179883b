import { createMemoryLogger, UnknownOptionError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import * as garden from './index';

// Nothing listens there: a call that got as far as the garden cluster would fail to connect.
const yaml =
  'current-context: c\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:9"}}]\ncontexts: [{name: c, context: {cluster: k}}]';
const base = {
  configuration: { gardenProject: 'p', gardenShoot: 's' },
  kubeconfig: { yaml },
  logger: createMemoryLogger(),
  zone: 0,
};

type Call = (options: Record<string, unknown>) => Promise<unknown>;
const functions: [string, string, string][] = [
  ['assessCloudProviderFiltersImpact', 'maxTarget', 'maxTargets'],
  ['runCloudProviderComputeFailureSimulation', 'allowSelfTarge', 'allowSelfTarget'],
  ['runCloudProviderNetworkFailureSimulation', 'rollbakLeftovers', 'rollbackLeftovers'],
  ['rollbackCloudProviderNetworkFailureSimulation', 'provider_options', 'providerOptions'],
  ['runControlPlanePodFailureSimulation', 'gracePeriods', 'gracePeriod'],
  ['runSystemComponentsPodFailureSimulation', 'ignoreDaemonSet', 'ignoreDaemonSets'],
  ['runGeneralPodFailureSimulation', 'podLabelSelectr', 'podLabelSelector'],
  ['runShootClusterHealthProbe', 'threshold', 'thresholds'],
  ['rollbackShootClusterHealthProbe', 'cleanupTimeout', 'cleanupTimeoutMs'],
  ['listShootClusterKeyResources', 'leaseLabelSelectr', 'leaseLabelSelector'],
];

describe('the exported garden functions', () => {
  it.each(functions)(
    '%s refuses a misspelt option before the garden cluster is read',
    async (name, typo, meant) => {
      const action = (garden as unknown as Record<string, Call & { declaration: { name: string } }>)[name];
      const { zone, ...access } = base;
      const options = name.includes('Probe') || name.includes('KeyResources') ? access : { ...access, zone };
      const error = await action?.({ ...options, [typo]: true }).catch((failure: unknown) => failure);
      expect(UnknownOptionError.isInstance(error), String(error)).toBe(true);
      expect(error).toMatchObject({ action: name, unknownOptions: [typo], closest: { [typo]: meant } });
      expect(action?.declaration.name).toBe(name);
    },
  );

  it('refuse it in the background forms too, when joined', async () => {
    const tasks = [
      garden.runCloudProviderNetworkFailureSimulationInBackground({
        ...base,
        rollbackLeftover: true,
      } as never),
      garden.runCloudProviderComputeFailureSimulationInBackground({ ...base, mod: 'restart' } as never),
      garden.runGeneralPodFailureSimulationInBackground({ ...base, duraton: 1 } as never),
      garden.runShootClusterHealthProbeInBackground({ ...base, zone: undefined, silentt: true } as never),
    ];
    for (const task of tasks) await expect(task.join()).rejects.toMatchObject({ code: 'unknown-option' });
  });

  it("accepts the other pod functions' ignoreDaemonSets for the control plane, as before", () => {
    expect(garden.runControlPlanePodFailureSimulation.declaration.ignored).toEqual(['ignoreDaemonSets']);
  });
});
