import { describe, expect, it } from 'vitest';
import { checkSources } from './check-sources.mjs';
import { cloudPluginExports, cloudPluginTemplateFiles } from './cloud-plugin-template.mjs';
import { coreBase, fixtureTree } from './fixture-tree';

const index = [
  "export { plugin } from './gcp-plugin';",
  "export type { GcpFilters } from './gcp-types';",
  ...cloudPluginExports
    .filter((name) => name !== 'plugin')
    .map((name) => `export const ${name} = () => undefined;`),
].join('\n');

/** A plugin `gcp` with every template file, every export and a changelog; `omit` leaves files out. */
function gcpPlugin(omit: readonly string[] = [], indexText = index): Record<string, string> {
  const files: Record<string, string> = {
    'packages/gcp/package.json': '{ "name": "@chaosgarden/gcp" }',
    'packages/gcp/CHANGELOG.md': '# @chaosgarden/gcp\n',
  };
  for (const file of cloudPluginTemplateFiles) files[`packages/gcp/src/${file.replace('<id>', 'gcp')}`] = '';
  files['packages/gcp/src/index.ts'] = indexText;
  files['packages/gcp/src/provider-id.ts'] = "export const providerId = 'gcp';\n";
  files['packages/gcp/src/gcp-plugin.ts'] =
    "import { providerId } from './provider-id';\nexport const plugin = Object.freeze({ providerType: providerId });\n";
  for (const path of omit) delete files[path];
  return { ...coreBase, ...files };
}

const templateProblems = (root: string) => checkSources(root)[0]?.problems;

describe('the cloud plugin template rule', () => {
  it('passes a plugin with every template file, every export and a CHANGELOG.md', () => {
    const results = checkSources(fixtureTree(gcpPlugin()));
    expect(results[0]?.rule).toContain('packages/gcp');
    expect(results.flatMap((result) => result.problems)).toEqual([]);
  });

  it('names each missing template file, with the provider id from the descriptor filled in', () => {
    const root = fixtureTree(
      gcpPlugin([
        'packages/gcp/src/network-cut.ts',
        'packages/gcp/src/network-undo.ts',
        'packages/gcp/src/artefacts.ts',
        'packages/gcp/src/gcp-shoot-mapping.ts',
      ]),
    );
    expect(templateProblems(root)).toEqual([
      "packages/gcp: missing the template's file(s) src/gcp-shoot-mapping.ts, src/network-cut.ts, " +
        'src/network-undo.ts, src/artefacts.ts',
    ]);
  });

  it('names each missing export; a type-only export does not count', () => {
    const withoutReconcile = index
      .replace('export const reconcile = () => undefined;', "export type { reconcile } from './reconcile';")
      .replace('export const runComputeFailureSimulationInBackground = () => undefined;', '');
    expect(templateProblems(fixtureTree(gcpPlugin([], withoutReconcile)))).toEqual([
      'packages/gcp: src/index.ts does not export runComputeFailureSimulationInBackground, reconcile',
    ]);
  });

  it('follows `export *` and re-exports to find the exports', () => {
    const indirect = "export * from './gcp-provider';\n";
    const files = gcpPlugin([], indirect);
    files['packages/gcp/src/gcp-provider.ts'] = index;
    expect(templateProblems(fixtureTree(files))).toEqual([]);
  });

  it('requires a CHANGELOG.md', () => {
    expect(templateProblems(fixtureTree(gcpPlugin(['packages/gcp/CHANGELOG.md'])))).toEqual([
      'packages/gcp: CHANGELOG.md is missing',
    ]);
  });

  it('checks only packages that export a descriptor named plugin', () => {
    const root = fixtureTree({
      ...coreBase,
      'packages/k8s/package.json': '{ "name": "@chaosgarden/k8s" }',
      'packages/k8s/src/index.ts': 'export const runPodFailureSimulation = () => undefined;\n',
    });
    expect(checkSources(root)[0]).toEqual({
      rule: 'cloud plugins follow the template (none found)',
      problems: [],
    });
  });

  it('says so when the descriptor has no readable providerType', () => {
    const files = gcpPlugin();
    files['packages/gcp/src/gcp-plugin.ts'] =
      'export const plugin = Object.freeze({ providerType: make() });\n';
    expect(templateProblems(fixtureTree(files))).toEqual([
      'packages/gcp: the descriptor `plugin` has no string providerType, so its file names cannot be checked',
    ]);
  });
});
