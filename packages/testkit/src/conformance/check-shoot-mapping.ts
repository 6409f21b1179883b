import type { CloudProviderDescriptorV1, ShootMappingInput } from '@chaosgarden/core';
import { describeThrown } from './contract-facts';

/**
 * Calls `descriptor.fromShoot(shoot)` and checks that it returns `filters`, `configuration` and
 * `secrets`, with filter keys the descriptor's `capabilities.filterKeys` lists (garden passes these
 * filters straight to the actions, which refuse unknown keys).
 *
 * @returns One sentence per violation; empty when the mapping conforms.
 */
export function checkShootMapping(descriptor: CloudProviderDescriptorV1, shoot: ShootMappingInput): string[] {
  let mapping: unknown;
  try {
    mapping = descriptor.fromShoot(shoot);
  } catch (error) {
    return [`fromShoot threw ${describeThrown(error)}`];
  }
  if (typeof mapping !== 'object' || mapping === null) {
    return [`fromShoot must return { filters, configuration, secrets }, got ${typeof mapping}`];
  }
  if (typeof (mapping as { then?: unknown }).then === 'function') {
    return ['fromShoot must return its mapping synchronously, not a promise'];
  }
  const record = mapping as Record<string, unknown>;
  const violations = ['filters', 'configuration', 'secrets']
    .filter((key) => !(key in record))
    .map((key) => `fromShoot must return ${key} (use an empty object if there is nothing to pass)`);
  const filters = record.filters;
  if (typeof filters === 'object' && filters !== null) {
    const known = descriptor.capabilities?.filterKeys ?? [];
    for (const key of Object.keys(filters)) {
      if (!known.includes(key)) {
        violations.push(
          `fromShoot returned filter key '${key}', which capabilities.filterKeys does not list`,
        );
      }
    }
  } else if ('filters' in record) {
    violations.push(`fromShoot must return filters as an object, got ${JSON.stringify(filters)}`);
  }
  return violations;
}
