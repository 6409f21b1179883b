// A tiny plugin that keeps its "cloud" in memory: the conformance suite's own proof that it passes a
// conforming plugin. Tests derive broken variants from it to show that each check can fail; the
// behaviour rules it can break are listed in `ExampleBreak`.
import {
  type CloudProviderDescriptorV1,
  type CloudProviderV1,
  InvalidArgumentError,
  type Target,
} from '@chaosgarden/core';
import type { ConformanceStandIn } from './conformance-stand-in';
import {
  commonOptionKeys,
  createExampleCloud,
  type ExampleBreak,
  type ExampleCloud,
  exampleStandIn,
  refuseUnknownOptions,
} from './example-cloud.test-fixture';
import { rollbackNetworkFailure, simulateNetworkFailure } from './example-network.test-fixture';
import { reconcileExample } from './example-reconcile.test-fixture';
import {
  type ExampleFilters,
  filterKeys,
  validateCommon,
  validateDuration,
  validateMode,
  validateTargets,
} from './example-validation.test-fixture';

export type { ExampleBreak } from './example-cloud.test-fixture';
export type { ExampleFilters } from './example-validation.test-fixture';

/** The valid input the conformance suite gets for this plugin. */
export const exampleValidInput = {
  zone: 'zone-a',
  filters: { instances: ['i-1'], networks: ['net-1'] } satisfies ExampleFilters,
  configuration: { region: 'region-1' },
  secrets: { token: 'not-a-real-token' },
};

/**
 * A fresh in-memory cloud with two instances in zone-a, the plugin descriptor acting on it and the
 * stand-in hook for the behaviour groups. `broken` names a behaviour rule the plugin breaks.
 */
export function createExamplePlugin(broken?: ExampleBreak): {
  descriptor: CloudProviderDescriptorV1<ExampleFilters>;
  standIn: ConformanceStandIn;
  cloud: ExampleCloud;
} {
  const cloud = createExampleCloud(broken);
  const targets = (zone: string, filters: ExampleFilters): Target[] =>
    cloud.instances
      .filter((instance) => instance.zone === zone && instance.state === 'running')
      .filter((instance) => filters.instances?.includes(instance.id) ?? true)
      .map((instance) => ({ kind: 'instance', id: instance.id, zone }));

  const provider: CloudProviderV1<ExampleFilters> = {
    specificationVersion: 'v1',
    providerType: 'example',
    async assessFiltersImpact(options) {
      refuseUnknownOptions(cloud, options, commonOptionKeys);
      const { zone, filters } = validateCommon(options);
      options.signal?.throwIfAborted();
      return { zone, targets: targets(zone, filters), warnings: [] };
    },
    async runComputeFailureSimulation(options) {
      refuseUnknownOptions(cloud, options, [
        ...commonOptionKeys,
        'mode',
        'duration',
        'minRuntime',
        'maxRuntime',
      ]);
      const mode = validateMode(options.mode ?? 'terminate', ['terminate', 'restart']);
      validateDuration(options.duration);
      if ((options.minRuntime ?? 0) < 0) {
        throw new InvalidArgumentError({ argument: 'minRuntime', message: 'minRuntime must be 0 or more.' });
      }
      const { zone, filters } = validateTargets(options);
      options.signal?.throwIfAborted();
      const affected = targets(zone, filters);
      for (const target of affected) {
        const instance = cloud.instances.find((candidate) => candidate.id === target.id);
        if (instance && mode === 'terminate') instance.state = 'terminated';
      }
      return { zone, mode, affected, warnings: [], reason: 'single-invocation', netDurationSeconds: 0 };
    },
    runNetworkFailureSimulation: (options) => simulateNetworkFailure(cloud, options),
    rollbackNetworkFailureSimulation: (options) => rollbackNetworkFailure(cloud, options),
    reconcile: (options) => reconcileExample(cloud, options),
  };

  const descriptor: CloudProviderDescriptorV1<ExampleFilters> = {
    specificationVersion: 'v1',
    providerType: 'example',
    packageName: '@chaosgarden/example',
    capabilities: {
      computeFailureModes: ['terminate', 'restart'],
      networkFailureModes: ['total', 'ingress', 'egress'],
      filterKeys,
    },
    fromShoot: ({ zone, credentials }) => ({
      filters: { networks: [`shoot--${zone}`] },
      configuration: { region: zone.slice(0, -1) },
      secrets: { token: credentials.token ?? '' },
    }),
    load: async () => provider,
  };
  return { descriptor, standIn: exampleStandIn(cloud), cloud };
}
