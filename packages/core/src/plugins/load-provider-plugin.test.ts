import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { PluginNotInstalledError } from '../errors/plugin-not-installed-error';
import { UnsupportedProviderError } from '../errors/unsupported-provider-error';
import { builtInProviderPlugins } from './built-in-provider-plugins';
import { importPluginPackage } from './import-plugin-package';
import { loadPluginPackage } from './load-plugin-package';
import { loadProviderPlugin } from './load-provider-plugin';

let scratch: string;
let project: string;
let install: string;
let empty: string;

/** `<root>/node_modules/<name>`, whose ESM entry exports `source` (its CommonJS entry would throw). */
function fakePackage(root: string, name: string, source: string): void {
  const dir = join(root, 'node_modules', ...name.split('/'));
  mkdirSync(dir, { recursive: true });
  const exports = {
    '.': { import: './index.js', require: './index.cjs' },
    './package.json': './package.json',
  };
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', type: 'module', exports }),
  );
  writeFileSync(join(dir, 'index.js'), source);
  writeFileSync(join(dir, 'index.cjs'), "throw new Error('the CommonJS entry must not be used');");
}

const descriptor = (providerType: string, marker: string) => `export const plugin = {
  specificationVersion: 'v1', providerType: '${providerType}', packageName: 'x',
  capabilities: { computeFailureModes: [], networkFailureModes: [], filterKeys: ['${marker}'] },
  fromShoot: () => ({ filters: {}, configuration: {}, secrets: {} }),
  load: async () => ({}),
};`;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'core-plugins-'));
  project = join(scratch, 'project');
  install = join(scratch, 'install');
  empty = join(scratch, 'empty');
  for (const dir of [project, install, empty]) mkdirSync(dir, { recursive: true });
  fakePackage(project, '@chaosgarden/aws', descriptor('aws', 'from-project'));
  fakePackage(install, '@chaosgarden/aws', descriptor('aws', 'from-install'));
  fakePackage(install, '@chaosgarden/gcp', descriptor('gcp', 'from-install'));
  fakePackage(project, '@chaosgarden/azure', descriptor('aws', 'wrong-type'));
  fakePackage(project, 'not-a-plugin', 'export const plugin = { specificationVersion: "v2" };');
  writeFileSync(join(install, 'caller.js'), '');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const callerUrl = () => pathToFileURL(join(install, 'caller.js'));

describe('loadProviderPlugin', () => {
  it("takes the user's project first, then the caller's install", async () => {
    const first = await loadProviderPlugin('aws', { searchFrom: [project, callerUrl()] });
    expect(first.capabilities.filterKeys).toEqual(['from-project']);
    const second = await loadProviderPlugin('aws', { searchFrom: [empty, callerUrl()] });
    expect(second.capabilities.filterKeys).toEqual(['from-install']);
  });

  it('looks in the current directory, then the caller, by default', async () => {
    const cwd = process.cwd();
    process.chdir(empty);
    try {
      const found = await loadProviderPlugin('aws', { caller: callerUrl() });
      expect(found.capabilities.filterKeys).toEqual(['from-install']);
    } finally {
      process.chdir(cwd);
    }
  });

  it('names the package to install for a published type, keeping where it looked', async () => {
    const error = await loadProviderPlugin('aws', { searchFrom: [empty] }).catch((e: unknown) => e);
    expect(PluginNotInstalledError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ packageName: '@chaosgarden/aws', providerType: 'aws' });
    expect((error as Error).message).toContain('npm install @chaosgarden/aws');
    expect(String((error as Error).cause)).toContain(empty);
  });

  it('calls a reserved type unsupported while its package is missing, and loads it once installed', async () => {
    const missing = await loadProviderPlugin('gcp', { searchFrom: [project] }).catch((e: unknown) => e);
    expect(UnsupportedProviderError.isInstance(missing)).toBe(true);
    expect((missing as Error).message).toBe(
      'Cloud provider (was gcp) unknown/not supported! Supported providers are aws.',
    );
    const installed = await loadProviderPlugin('gcp', { searchFrom: [project, callerUrl()] });
    expect(installed.providerType).toBe('gcp');
  });

  it('refuses a type without a row, and a package serving another type', async () => {
    await expect(loadProviderPlugin('hcloud', { searchFrom: [project] })).rejects.toThrow(
      UnsupportedProviderError,
    );
    await expect(loadProviderPlugin('azure', { searchFrom: [project] })).rejects.toThrow(
      '@chaosgarden/azure serves provider type aws, not azure.',
    );
  });

  it('imports nothing once the signal is aborted', async () => {
    const signal = AbortSignal.abort();
    await expect(importPluginPackage('@chaosgarden/aws', { searchFrom: [project], signal })).rejects.toThrow(
      /abort/i,
    );
  });
});

describe('loadPluginPackage', () => {
  it('checks the descriptor a package exports', async () => {
    const error = await loadPluginPackage('not-a-plugin', { searchFrom: [project] }).catch((e: unknown) => e);
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect((error as Error).message).toContain(
      "not-a-plugin's export plugin is not a chaosgarden v1 cloud-provider descriptor: specificationVersion is v2",
    );
  });
});

describe('builtInProviderPlugins', () => {
  it("lists the Python tool's provider types, each with its @chaosgarden package", () => {
    expect(builtInProviderPlugins.map((row) => [row.providerType, row.packageName])).toEqual(
      ['aws', 'azure', 'gcp', 'openstack', 'vsphere', 'alicloud'].map((type) => [
        type,
        `@chaosgarden/${type}`,
      ]),
    );
  });
});
