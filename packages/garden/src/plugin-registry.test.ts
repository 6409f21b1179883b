import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CloudProviderDescriptorV1,
  InvalidArgumentError,
  PluginNotInstalledError,
  UnsupportedProviderError,
} from '@chaosgarden/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  loadCloudProviderPluginPackage,
  registerCloudProviderPlugin,
  resolveCloudProviderPlugin,
  unregisterCloudProviderPlugin,
} from './plugin-registry';

let emptyProject: string;
let project: string;

/** A package in `<project>/node_modules/<name>` whose ESM entry exports `source` (and whose CJS entry would throw). */
function fakePackage(name: string, source: string): void {
  const dir = join(project, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name,
    version: '1.0.0',
    type: 'module',
    exports: {
      '.': { import: { default: './index.js' }, require: './index.cjs' },
      './package.json': './package.json',
    },
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'index.js'), source);
  writeFileSync(join(dir, 'index.cjs'), "throw new Error('the CommonJS entry must not be used');");
}

const descriptorSource = (providerType: string, packageName: string) => `
export const plugin = {
  specificationVersion: 'v1',
  providerType: '${providerType}',
  packageName: '${packageName}',
  capabilities: { computeFailureModes: ['terminate'], networkFailureModes: ['total'], filterKeys: ['machines'] },
  fromShoot: () => ({ filters: {}, configuration: {}, secrets: {} }),
  load: async () => { throw new Error('not used'); },
};
`;

function inline(providerType: string, packageName: string): CloudProviderDescriptorV1 {
  return {
    specificationVersion: 'v1',
    providerType,
    packageName,
    capabilities: { computeFailureModes: ['terminate'], networkFailureModes: ['total'], filterKeys: [] },
    fromShoot: () => ({ filters: {}, configuration: {}, secrets: {} }),
    load: () => Promise.reject(new Error('not used')),
  };
}

beforeAll(() => {
  emptyProject = mkdtempSync(join(tmpdir(), 'garden-plugins-empty-'));
  project = mkdtempSync(join(tmpdir(), 'garden-plugins-'));
  writeFileSync(join(project, 'package.json'), '{"name":"user-project","private":true}');
  fakePackage('@chaosgarden/aws', descriptorSource('aws', '@chaosgarden/aws'));
  fakePackage('chaosgarden-plugin-hcloud', descriptorSource('hcloud', 'chaosgarden-plugin-hcloud'));
  fakePackage('not-a-plugin', 'export const something = 1;');
});

afterAll(() => {
  rmSync(emptyProject, { recursive: true, force: true });
  rmSync(project, { recursive: true, force: true });
});

afterEach(() => {
  unregisterCloudProviderPlugin('aws');
  unregisterCloudProviderPlugin('hcloud');
});

describe('resolveCloudProviderPlugin', () => {
  it('imports @chaosgarden/<provider type> from the user project, through its ESM entry', async () => {
    const plugin = await resolveCloudProviderPlugin('aws', { resolvePluginsFrom: project });
    expect(plugin.providerType).toBe('aws');
    expect(plugin.capabilities.filterKeys).toEqual(['machines']); // the fake, not the workspace package
  });

  it('names the npm package to install when the plugin is missing', async () => {
    const error = await resolveCloudProviderPlugin('aws', { resolvePluginsFrom: emptyProject }).catch(
      (e) => e,
    );
    expect(PluginNotInstalledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: 'plugin-not-installed',
      packageName: '@chaosgarden/aws',
      providerType: 'aws',
    });
    expect(error.message).toContain('npm install @chaosgarden/aws');
  });

  it.each(['azure', 'gcp', 'openstack', 'vsphere', 'alicloud', 'metal'])(
    'says that there is no plugin for %s yet',
    async (providerType) => {
      const error = await resolveCloudProviderPlugin(providerType, { resolvePluginsFrom: project }).catch(
        (e) => e,
      );
      expect(UnsupportedProviderError.isInstance(error)).toBe(true);
      expect(error.message).toBe(
        `Cloud provider (was ${providerType}) unknown/not supported! Supported providers are aws.`,
      );
    },
  );

  it('prefers a plugin passed in the call over a registered one and over the installed package', async () => {
    const registered = inline('aws', 'registered-aws');
    const explicit = inline('aws', 'explicit-aws');
    registerCloudProviderPlugin(registered);
    expect(
      await resolveCloudProviderPlugin('aws', { plugins: [explicit], resolvePluginsFrom: project }),
    ).toBe(explicit);
    expect(await resolveCloudProviderPlugin('aws', { resolvePluginsFrom: emptyProject })).toBe(registered);
  });

  it('serves a third-party provider type once its package is registered by name', async () => {
    const before = await resolveCloudProviderPlugin('hcloud', { resolvePluginsFrom: project }).catch(
      (e) => e,
    );
    expect(UnsupportedProviderError.isInstance(before)).toBe(true);
    const plugin = await loadCloudProviderPluginPackage('chaosgarden-plugin-hcloud', {
      resolvePluginsFrom: project,
    });
    registerCloudProviderPlugin(plugin);
    expect(await resolveCloudProviderPlugin('hcloud')).toBe(plugin);
  });

  it('refuses packages and objects that are no v1 descriptor, and missing packages by name', async () => {
    const notPlugin = await loadCloudProviderPluginPackage('not-a-plugin', {
      resolvePluginsFrom: project,
    }).catch((e) => e);
    expect(InvalidArgumentError.isInstance(notPlugin)).toBe(true);
    expect(notPlugin.message).toContain("not-a-plugin's export plugin is not a chaosgarden v1");
    const missing = await loadCloudProviderPluginPackage('chaosgarden-plugin-nope', {
      resolvePluginsFrom: project,
    }).catch((e) => e);
    expect(missing).toMatchObject({ code: 'plugin-not-installed', packageName: 'chaosgarden-plugin-nope' });
    expect(() =>
      registerCloudProviderPlugin({ ...inline('x', 'x'), specificationVersion: 'v2' } as never),
    ).toThrow(/specificationVersion is v2/);
  });
});
