import { describe, expect, it } from 'vitest';
import { checkDescriptor } from './check-descriptor';
import { createExamplePlugin } from './example-plugin.test-fixture';

describe('checkDescriptor', () => {
  it('finds nothing wrong with a conforming descriptor', () => {
    expect(checkDescriptor(createExamplePlugin().descriptor)).toEqual([]);
  });

  it('names every broken part of a descriptor', () => {
    const broken = {
      specificationVersion: 'v2',
      providerType: ' ',
      packageName: 'Not A Package',
      capabilities: {
        computeFailureModes: ['terminate', 'explode'],
        networkFailureModes: [],
        filterKeys: ['a', 'a'],
      },
      fromShoot: undefined,
      load: 'later',
    };
    expect(checkDescriptor(broken)).toEqual([
      `specificationVersion must be 'v1', got "v2"`,
      'providerType must be a non-empty string, got " "',
      expect.stringContaining(`packageName must be the npm package that provides the plugin`),
      "capabilities.computeFailureModes lists unknown mode 'explode' (contract v1 knows terminate, restart)",
      'capabilities.networkFailureModes must be a non-empty array, got []',
      'capabilities.filterKeys lists an entry twice: ["a","a"]',
      'fromShoot must be a function, got undefined',
      'load must be a function, got string',
    ]);
  });

  it('accepts scoped and unscoped npm names and refuses malformed ones', () => {
    const withName = (packageName: string) => ({ ...createExamplePlugin().descriptor, packageName });
    expect(checkDescriptor(withName('chaosgarden-plugin-foo'))).toEqual([]);
    expect(checkDescriptor(withName('@acme/chaosgarden-foo'))).toEqual([]);
    for (const bad of ['@', '@acme/', 'Upper', 'with space', '']) {
      expect(checkDescriptor(withName(bad))).toHaveLength(1);
    }
  });

  it('refuses capabilities that are methods rather than data', () => {
    const descriptor = createExamplePlugin().descriptor;
    const capabilities = { ...descriptor.capabilities, supportsRestart: () => true };
    expect(checkDescriptor({ ...descriptor, capabilities })).toEqual([
      'capabilities.supportsRestart must be data, not a function',
    ]);
  });

  it('refuses something that is not an object at all', () => {
    expect(checkDescriptor(null)).toEqual(['the descriptor must be an object, got null']);
    expect(checkDescriptor(() => undefined)).toEqual(['the descriptor must be an object, got function']);
  });
});
