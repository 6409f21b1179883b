import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useBuildForImportCheck } from '../../../test-support/build-for-import-check';

// Built from the current source (no declarations) into the root node_modules cache, where
// @chaosgarden/core, @chaosgarden/k8s and @chaosgarden/aws resolve as they do for a user.
const built = useBuildForImportCheck('garden', [
  '@chaosgarden/core',
  '@chaosgarden/k8s',
  '@kubernetes/client-node',
]);

// Imports garden, picks the AWS plugin for a shoot type, and reports which heavy modules were resolved.
const childScript = `
import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });
const heavy = () => seen.filter((s) => s.startsWith('@aws-sdk/') || s === '@kubernetes/client-node');
const garden = await import(process.argv[1]);
const onImport = heavy();
const plugin = await garden.resolveCloudProviderPlugin('aws');
const onResolve = heavy();
const provider = await plugin.load();
process.stdout.write(JSON.stringify({ onImport, onResolve, providerType: provider.providerType, actions: typeof provider.runNetworkFailureSimulation }));
`;

describe('importing @chaosgarden/garden', () => {
  it('loads neither a cloud SDK nor @kubernetes/client-node, by import or by require', async () => {
    for (const file of ['index.js', 'index.cjs'] as const) {
      const violations = await built.violations(file);
      expect(violations).toEqual([]);
    }
  });

  it('finds and loads the AWS plugin for a shoot type without loading the AWS SDK', async () => {
    const stdout = await built.runScript(childScript);
    expect(JSON.parse(stdout)).toEqual({
      onImport: [],
      onResolve: [],
      providerType: 'aws',
      actions: 'function',
    });
  });

  it('finds a plugin installed next to garden when the working directory has none', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'garden-cwd-'));
    try {
      const script = `const garden = await import(process.argv[1]);
        const plugin = await garden.resolveCloudProviderPlugin('aws');
        const missing = await garden.resolveCloudProviderPlugin('aws', { resolvePluginsFrom: process.cwd() }).catch((e) => e.code);
        process.stdout.write(JSON.stringify({ found: plugin.packageName, missing }));`;
      const stdout = await built.runScript(script, { cwd: elsewhere });
      expect(JSON.parse(stdout)).toEqual({ found: '@chaosgarden/aws', missing: 'plugin-not-installed' });
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });
});
