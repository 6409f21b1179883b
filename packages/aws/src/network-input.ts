import {
  assertTargetFiltersNotEmpty,
  filterHash,
  InvalidArgumentError,
  type NetworkFailureMode,
  networkFailureModes,
  parseDuration,
  validateMaxTargets,
  validateMode,
  validateRollbackTimeout,
  validateZone,
} from '@chaosgarden/core';
import { awsBlockTagKey } from './artefacts';
import { type ResolvedAwsFilters, resolveAwsFilters } from './aws-filters';
import { type AwsSettings, resolveAwsSettings } from './aws-settings';
import type {
  AwsNetworkFailureSimulationOptions,
  AwsRollbackNetworkFailureSimulationOptions,
} from './aws-types';

/** The checked input of the network simulation or its roll-back. */
export interface NetworkInput {
  zone: string;
  mode: NetworkFailureMode;
  /** Whole seconds; only the simulation has one. */
  duration: number;
  filters: ResolvedAwsFilters;
  settings: AwsSettings;
  /** `gardener.cloud/chaos/chaosgarden-block-<H(repr(subnets filter))>-<zone>`, as the Python tool. */
  tagKey: string;
  maxTargets: number | undefined;
  /** Simulation only: go on with a partial block (see `AwsNetworkFailureSimulationOptions`). */
  allowPartial: boolean;
  /** Seconds the final roll-back may retry (negative: no deadline); only the simulation has one. */
  rollbackTimeoutSeconds: number;
}

/**
 * Validates everything that can be checked without a cloud call, in the order of the Python tool's
 * checks (zone, mode, duration, filters), then the chaosgarden safety nets (all-empty target filters
 * need `allowEmptyFilters`; `maxTargets`) and the client settings. Throws before anything is changed.
 */
export function resolveNetworkInput(
  options: AwsNetworkFailureSimulationOptions | AwsRollbackNetworkFailureSimulationOptions,
  kind: 'simulation' | 'rollback',
): NetworkInput {
  const zone = validateZone(options.zone);
  const mode = validateMode(options.mode ?? 'total', networkFailureModes);
  const duration =
    kind === 'simulation' ? parseDuration((options as AwsNetworkFailureSimulationOptions).duration) : 0;
  const filters = resolveAwsFilters(options.filters, ['vpcs', 'subnets'], ['instances']);
  if (kind === 'simulation') {
    // A roll-back is never refused: with empty filters it only looks for artefacts of empty filters.
    assertTargetFiltersNotEmpty({
      filters: filters.raw,
      targetKeys: ['vpcs', 'subnets'],
      zone,
      ...(options.allowEmptyFilters === undefined ? {} : { allowEmptyFilters: options.allowEmptyFilters }),
    });
  }
  const maxTargets = validateMaxTargets(options.maxTargets);
  const rollbackTimeoutSeconds = validateRollbackTimeout(
    kind === 'simulation'
      ? (options as AwsNetworkFailureSimulationOptions).rollbackTimeoutSeconds
      : undefined,
  );
  const settings = resolveAwsSettings(options.configuration, options.secrets);
  // Hash the subnets filter as given (maybe with `Map`s that keep key order), never the plain copy.
  const tagKey = awsBlockTagKey(filterHash(filters.raw.subnets ?? []), zone);
  const allowPartial = kind === 'simulation' && validateAllowPartial(options);
  return {
    zone,
    mode,
    duration,
    filters,
    settings,
    tagKey,
    maxTargets,
    allowPartial,
    rollbackTimeoutSeconds,
  };
}

function validateAllowPartial(options: AwsNetworkFailureSimulationOptions): boolean {
  const { allowPartial } = options as { allowPartial?: unknown };
  if (allowPartial === undefined || typeof allowPartial === 'boolean') {
    return allowPartial === true;
  }
  throw new InvalidArgumentError({
    argument: 'allowPartial',
    message: `allowPartial must be true or false, got ${JSON.stringify(allowPartial)}.`,
  });
}
