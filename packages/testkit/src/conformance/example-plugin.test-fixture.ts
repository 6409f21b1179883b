// A tiny plugin that keeps its "cloud" in memory: the conformance suite's own proof that it passes a
// conforming plugin. Tests derive broken variants from it to show that each check can fail.
import {
  type CloudProviderDescriptorV1,
  type CloudProviderV1,
  EmptyFiltersRefusedError,
  InvalidArgumentError,
  type Target,
  UnknownFilterKeyError,
} from '@chaosgarden/core';

export interface ExampleFilters {
  instances?: readonly string[];
  networks?: readonly string[];
}

interface ExampleInstance {
  id: string;
  zone: string;
  network: string;
  state: 'running' | 'terminated';
}

const filterKeys = ['instances', 'networks'];

/** The valid input the conformance suite gets for this plugin. */
export const exampleValidInput = {
  zone: 'zone-a',
  filters: { instances: ['i-1'], networks: ['net-1'] } satisfies ExampleFilters,
  configuration: { region: 'region-1' },
  secrets: { token: 'not-a-real-token' },
};

/** A fresh in-memory cloud with two instances in zone-a, and the plugin descriptor acting on it. */
export function createExamplePlugin(): { descriptor: CloudProviderDescriptorV1<ExampleFilters> } {
  const instances: ExampleInstance[] = [
    { id: 'i-1', zone: 'zone-a', network: 'net-1', state: 'running' },
    { id: 'i-2', zone: 'zone-a', network: 'net-2', state: 'running' },
  ];
  const blocked = new Set<string>();
  const targets = (zone: string, filters: ExampleFilters): Target[] =>
    instances
      .filter((instance) => instance.zone === zone && instance.state === 'running')
      .filter((instance) => filters.instances?.includes(instance.id) ?? true)
      .map((instance) => ({ kind: 'instance', id: instance.id, zone }));

  const provider: CloudProviderV1<ExampleFilters> = {
    specificationVersion: 'v1',
    providerType: 'example',
    async assessFiltersImpact(options) {
      const { zone, filters } = validateCommon(options);
      options.signal?.throwIfAborted();
      return { zone, targets: targets(zone, filters), warnings: [] };
    },
    async runComputeFailureSimulation(options) {
      const mode = validateMode(options.mode ?? 'terminate', ['terminate', 'restart']);
      validateDuration(options.duration);
      if ((options.minRuntime ?? 0) < 0) {
        throw new InvalidArgumentError({ argument: 'minRuntime', message: 'minRuntime must be 0 or more.' });
      }
      const { zone, filters } = validateTargets(options);
      options.signal?.throwIfAborted();
      const affected = targets(zone, filters);
      for (const target of affected) {
        const instance = instances.find((candidate) => candidate.id === target.id);
        if (instance && mode === 'terminate') instance.state = 'terminated';
      }
      return { zone, mode, affected, warnings: [], reason: 'single-invocation', netDurationSeconds: 0 };
    },
    async runNetworkFailureSimulation(options) {
      const mode = validateMode(options.mode ?? 'total', ['total', 'ingress', 'egress']);
      validateDuration(options.duration);
      const { zone, filters } = validateTargets(options);
      options.signal?.throwIfAborted();
      const networks = (filters.networks ?? []).map((id) => ({ kind: 'network', id, zone }));
      for (const network of networks) blocked.add(network.id);
      const rollback = await provider.rollbackNetworkFailureSimulation({ zone, filters });
      return {
        zone,
        mode,
        blocked: networks,
        rollback,
        warnings: [],
        reason: 'single-invocation',
        netDurationSeconds: 0,
      };
    },
    async rollbackNetworkFailureSimulation(options) {
      validateMode(options.mode ?? 'total', ['total', 'ingress', 'egress']);
      const { zone } = validateCommon(options);
      options.signal?.throwIfAborted();
      const restored = [...blocked].map((id) => ({ kind: 'network', id, zone }));
      blocked.clear();
      return { zone, restored, removed: [], warnings: [] };
    },
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
  return { descriptor };
}

interface CommonOptions {
  zone?: string;
  filters?: ExampleFilters;
  allowEmptyFilters?: boolean;
}

function validateCommon(options: CommonOptions): { zone: string; filters: ExampleFilters } {
  if (typeof options.zone !== 'string' || options.zone === '') {
    throw new InvalidArgumentError({ argument: 'zone', message: 'Zone not set (must be set)! Pass zone.' });
  }
  const filters = options.filters ?? {};
  const unexpectedKeys = Object.keys(filters).filter((key) => !filterKeys.includes(key));
  if (unexpectedKeys.length > 0) {
    throw new UnknownFilterKeyError({ unexpectedKeys, expectedKeys: filterKeys });
  }
  return { zone: options.zone, filters };
}

function validateTargets(options: CommonOptions): { zone: string; filters: ExampleFilters } {
  const { zone, filters } = validateCommon(options);
  const empty = filterKeys.every((key) => (filters[key as keyof ExampleFilters] ?? []).length === 0);
  if (empty && options.allowEmptyFilters !== true) {
    throw new EmptyFiltersRefusedError({ zone, targetKeys: filterKeys });
  }
  return { zone, filters };
}

function validateMode<M extends string>(mode: string, supported: readonly M[]): M {
  if (!supported.includes(mode as M)) {
    throw new InvalidArgumentError({
      argument: 'mode',
      message: `Mode ${mode} unsupported (supported modes are ${supported.join(', ')})!`,
    });
  }
  return mode as M;
}

function validateDuration(duration: unknown): number {
  if (duration === undefined || duration === null) return 0;
  const value = typeof duration === 'string' && /^\s*-?\d+\s*$/.test(duration) ? Number(duration) : duration;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError({
      argument: 'duration',
      message: `duration must be a number of seconds.`,
    });
  }
  return Math.trunc(value);
}
