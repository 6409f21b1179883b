import type { CloudProviderDescriptorV1 } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { checkRollbackFilters, rollbackFilterOptions } from './rollback-filter-options';

const descriptor = (reconcileFilters?: Record<string, string>) =>
  ({
    packageName: '@chaosgarden/x',
    capabilities: { computeFailureModes: [], networkFailureModes: [], filterKeys: [], reconcileFilters },
  }) as unknown as CloudProviderDescriptorV1;

describe('the filter flags of chaosgarden rollback', () => {
  it("are the installed plugin's reconcile filters, with their help", async () => {
    const options = await rollbackFilterOptions('aws');
    expect(options.map((option) => [option.flags, option.description])).toEqual([
      ['--filter-vpcs <json>', 'only in the VPCs these filters select (aws)'],
      ['--filter-subnets <json>', 'with --zone: only the partition of this subnets filter (aws)'],
    ]);
    expect(await rollbackFilterOptions('azure')).toEqual([]);
  });

  it("refuses a key the plugin's roll-back does not take, naming those it does", () => {
    expect(() => checkRollbackFilters(descriptor({ servers: 'h' }), { servers: {} })).not.toThrow();
    expect(() => checkRollbackFilters(descriptor({ servers: 'h' }), { vpcs: [] })).toThrow(
      '--filter-vpcs: the roll-back of @chaosgarden/x takes --filter-servers.',
    );
    expect(() => checkRollbackFilters(descriptor(), { vpcs: [] })).toThrow('takes no filter flag');
  });
});
