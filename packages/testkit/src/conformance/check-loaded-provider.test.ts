import type { CloudProviderDescriptorV1, CloudProviderV1 } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { checkLoadedProvider, loadProvider } from './check-loaded-provider';
import { createExamplePlugin } from './example-plugin.test-fixture';

const withLoad = (load: () => unknown): CloudProviderDescriptorV1 =>
  ({ ...createExamplePlugin().descriptor, load }) as CloudProviderDescriptorV1;

describe('loadProvider and checkLoadedProvider', () => {
  it('accept the four actions of the same provider type', async () => {
    const { provider, violations } = await loadProvider(createExamplePlugin().descriptor);
    expect(violations).toEqual([]);
    expect(provider?.providerType).toBe('example');
  });

  it('report a missing action and a provider type that differs from the descriptor', async () => {
    const { descriptor } = createExamplePlugin();
    const real = (await descriptor.load()) as CloudProviderV1;
    const { rollbackNetworkFailureSimulation: _missing, ...rest } = real;
    expect(checkLoadedProvider({ ...rest, providerType: 'other' }, descriptor)).toEqual([
      'load() returned providerType "other", the descriptor says "example"',
      'load() must return rollbackNetworkFailureSimulation as a function, got undefined',
    ]);
  });

  it('report a load() that rejects, throws or never settles', async () => {
    const rejecting = withLoad(() => Promise.reject(new Error('Cannot find module @acme/sdk')));
    expect((await loadProvider(rejecting)).violations).toEqual([
      'load() failed: Error: Cannot find module @acme/sdk',
    ]);
    const throwing = withLoad(() => {
      throw new TypeError('not yet');
    });
    expect((await loadProvider(throwing)).violations).toEqual(['load() failed: TypeError: not yet']);
    const hanging = withLoad(() => new Promise(() => undefined));
    expect((await loadProvider(hanging, { timeoutMs: 50 })).violations).toEqual([
      'load() did not settle within 50 ms',
    ]);
  });

  it('report a load() that returns the provider without a promise', async () => {
    const { descriptor } = createExamplePlugin();
    const provider = await descriptor.load();
    const { violations } = await loadProvider(withLoad(() => provider));
    expect(violations).toEqual(['load() must return a promise, so that it can import the SDK on first use']);
  });
});
