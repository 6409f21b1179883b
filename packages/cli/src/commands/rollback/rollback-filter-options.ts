import { type CloudProviderDescriptorV1, InvalidArgumentError } from '@chaosgarden/core';
import { Option } from 'commander';
import { loadCloudPlugin } from '../../providers/load-function';
import { filterFlag } from './rollback-options';

/**
 * The `--filter-<key> <json>` options `chaosgarden rollback --provider <type>` takes: one per key of the
 * plugin's `capabilities.reconcileFilters`, with its help text, so `--help` lists them. None when the plugin
 * cannot be loaded: the command itself then says why.
 */
export async function rollbackFilterOptions(providerType: string): Promise<Option[]> {
  let descriptor: CloudProviderDescriptorV1;
  try {
    descriptor = await loadCloudPlugin(providerType);
  } catch {
    return [];
  }
  return Object.entries(descriptor.capabilities.reconcileFilters ?? {}).map(
    ([key, help]) => new Option(`${filterFlag(key)} <json>`, `${help} (${providerType})`),
  );
}

/**
 * Refuses a filter key the plugin's `reconcile` does not narrow by, naming the flags it takes.
 *
 * @throws InvalidArgumentError (argument `--filter-<key>`).
 */
export function checkRollbackFilters(
  descriptor: CloudProviderDescriptorV1,
  filters: Readonly<Record<string, unknown>> | undefined,
): void {
  const known = Object.keys(descriptor.capabilities.reconcileFilters ?? {});
  const unknown = Object.keys(filters ?? {}).filter((key) => !known.includes(key));
  if (unknown.length === 0) return;
  const takes =
    known.length === 0 ? 'takes no filter flag' : `takes ${known.map((key) => filterFlag(key)).join(', ')}`;
  throw new InvalidArgumentError({
    argument: filterFlag(unknown[0] ?? ''),
    message: `${unknown.map((key) => filterFlag(key)).join(', ')}: the roll-back of ${descriptor.packageName} ${takes}.`,
  });
}
