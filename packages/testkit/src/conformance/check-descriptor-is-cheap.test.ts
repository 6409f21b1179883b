import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDescriptorIsCheap, heavyMatches } from './check-descriptor-is-cheap';
import { listLoadedModules } from './list-loaded-modules';

let dir: string;

// A scratch project: two fake SDK packages and descriptor modules that load them eagerly or lazily.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'chaosgarden-cheap-'));
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('node_modules/fake-cloud-sdk/package.json', '{"name":"fake-cloud-sdk","main":"index.js"}');
  write('node_modules/fake-cloud-sdk/index.js', "require('./client.js');\n");
  write('node_modules/fake-cloud-sdk/client.js', 'exports.Client = class {};\n');
  write('node_modules/@fake-cloud/ec2/package.json', '{"name":"@fake-cloud/ec2","main":"index.js"}');
  write('node_modules/@fake-cloud/ec2/index.js', 'exports.EC2 = class {};\n');
  write('lazy.mjs', "import 'node:path';\nexport const plugin = { load: () => import('fake-cloud-sdk') };\n");
  write('eager.mjs', "import 'fake-cloud-sdk';\nexport const plugin = {};\n");
  write('eager-scoped.cjs', "require('@fake-cloud/ec2');\nexports.plugin = {};\n");
  write('broken.mjs', "throw new Error('descriptor module exploded');\n");
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const heavyModules = ['fake-cloud-sdk', '@fake-cloud/*'];

describe('checkDescriptorIsCheap', () => {
  it('passes a module that imports its SDK only inside load()', async () => {
    expect(await checkDescriptorIsCheap({ moduleId: './lazy.mjs', cwd: dir, heavyModules })).toEqual([]);
  });

  it('reports a module that imports an SDK at the top, for import and for require', async () => {
    const violations = await checkDescriptorIsCheap({
      moduleId: join(dir, 'eager.mjs'),
      cwd: dir,
      heavyModules,
    });
    expect(violations).toEqual([
      expect.stringMatching(/^importing .*eager\.mjs loads fake-cloud-sdk; import SDKs inside load\(\)/),
      expect.stringMatching(/^requiring .*eager\.mjs loads fake-cloud-sdk;/),
    ]);
  });

  it('matches a scope wildcard and accepts a file URL', async () => {
    const moduleId = pathToFileURL(join(dir, 'eager-scoped.cjs')).href;
    const violations = await checkDescriptorIsCheap({
      moduleId,
      cwd: dir,
      heavyModules,
      methods: ['require'],
    });
    expect(violations).toEqual([expect.stringContaining('loads @fake-cloud/ec2;')]);
  });

  it('reports a module that cannot be loaded, with its error', async () => {
    const violations = await checkDescriptorIsCheap({
      moduleId: './broken.mjs',
      cwd: dir,
      methods: ['import'],
    });
    expect(violations).toEqual([expect.stringContaining('Could not import ./broken.mjs in a child process')]);
    expect(violations[0]).toContain('descriptor module exploded');
  });
});

describe('listLoadedModules', () => {
  it('lists built-ins, packages by name and their internal files, in a fresh process', async () => {
    const loaded = await listLoadedModules({ moduleId: 'fake-cloud-sdk', cwd: dir, method: 'require' });
    expect(loaded.map((module) => module.specifier)).toEqual(['fake-cloud-sdk', './client.js']);
    expect(loaded.flatMap((module) => heavyMatches(module, heavyModules))).toEqual([
      'fake-cloud-sdk',
      'fake-cloud-sdk',
    ]);
    const lazy = await listLoadedModules({ moduleId: './lazy.mjs', cwd: dir });
    expect(lazy.map((module) => module.url)).toContain('node:path');
  });
});

describe('heavyMatches', () => {
  it('matches package names, scope wildcards and built-ins, not look-alikes', () => {
    const at = (specifier: string, url: string) =>
      heavyMatches({ specifier, url }, ['@aws-sdk/*', 'node:http2']);
    expect(at('@aws-sdk/client-ec2', 'file:///x/node_modules/@aws-sdk/client-ec2/dist/index.js')).toEqual([
      '@aws-sdk/client-ec2',
    ]);
    expect(at('./endpoints.js', 'file:///x/node_modules/@aws-sdk/client-ec2/dist/endpoints.js')).toEqual([
      '@aws-sdk/client-ec2',
    ]);
    expect(at('http2', 'node:http2')).toEqual(['node:http2']);
    expect(at('@aws-sdkx/client', 'file:///x/node_modules/@aws-sdkx/client/index.js')).toEqual([]);
  });
});
