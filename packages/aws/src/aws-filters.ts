import { InvalidArgumentError, normalizeFilters, toPlainJson } from '@chaosgarden/core';
import type { AwsFilter } from './aws-types';

export type AwsFilterKey = 'instances' | 'vpcs' | 'subnets';

/** The filters of one call: as given (for Python notation and hashing) and as checked EC2 filter lists. */
export interface ResolvedAwsFilters {
  /** Normalised, values unchanged (maybe `Map`s from `parseJsonPreservingOrder`): what is hashed and logged. */
  raw: Readonly<Record<string, unknown>>;
  /** Checked plain lists; absent keys are empty lists. */
  lists: Readonly<Record<AwsFilterKey, AwsFilter[]>>;
}

/**
 * `normalizeFilters` with the AWS keys (spec README §1.1), then checks every list's shape so that a
 * malformed filter fails before any cloud call rather than at AWS.
 *
 * @throws UnknownFilterKeyError for a key outside `expected` and `tolerated`.
 * @throws InvalidArgumentError for a value that is not a list of `{ Name, Values }`.
 */
export function resolveAwsFilters(
  filters: unknown,
  expected: readonly AwsFilterKey[],
  tolerated: readonly AwsFilterKey[],
): ResolvedAwsFilters {
  const raw = normalizeFilters(filters, { expectedKeys: expected, toleratedKeys: tolerated, emptyValue: [] });
  const record = raw as Record<string, unknown>;
  const lists = {
    instances: toFilterList(record.instances, 'instances'),
    vpcs: toFilterList(record.vpcs, 'vpcs'),
    subnets: toFilterList(record.subnets, 'subnets'),
  };
  return { raw: record, lists };
}

function toFilterList(value: unknown, key: AwsFilterKey): AwsFilter[] {
  if (value === undefined || value === null) {
    return [];
  }
  const plain = toPlainJson(value);
  if (!Array.isArray(plain)) {
    throw malformed(key, `a list of {Name, Values} filters (was ${describe(plain)})`);
  }
  return plain.map((item: unknown, index) => {
    const filter = item as { Name?: unknown; Values?: unknown } | null;
    const keys = typeof filter === 'object' && filter !== null ? Object.keys(filter) : [];
    if (
      typeof filter?.Name !== 'string' ||
      filter.Name === '' ||
      !Array.isArray(filter.Values) ||
      !filter.Values.every((entry) => typeof entry === 'string') ||
      keys.some((name) => name !== 'Name' && name !== 'Values')
    ) {
      throw malformed(
        key,
        `{Name: string, Values: string[]} in every entry; entry ${index} is ${describe(item)}`,
      );
    }
    return { Name: filter.Name, Values: [...(filter.Values as string[])] };
  });
}

function malformed(key: AwsFilterKey, expectation: string): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: `filters.${key}`,
    message: `filters.${key} must be ${expectation}, e.g. [{"Name": "tag-key", "Values": ["kubernetes.io/cluster/<id>"]}].`,
  });
}

function describe(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** `{ Name: 'availability-zone', Values: [zone] }`, the DescribeInstances zone condition. */
export function instanceZoneFilter(zone: string): AwsFilter {
  return { Name: 'availability-zone', Values: [zone] };
}

/** The subnet conditions the Python tool appended (`availabilityZone`, `vpc-id`), in its order. */
export function subnetFiltersFor(subnets: readonly AwsFilter[], zone: string, vpcId: string): AwsFilter[] {
  return [...subnets, { Name: 'availabilityZone', Values: [zone] }, { Name: 'vpc-id', Values: [vpcId] }];
}
