import { describe, expect, it } from 'vitest';
import { useBuildForImportCheck } from '../../../test-support/build-for-import-check';

// The package is built from its current source (tsup, no declarations) into the root node_modules cache,
// where `@kubernetes/client-node` and `@chaosgarden/core` resolve as they do for a user.
const built = useBuildForImportCheck('k8s', ['@kubernetes/client-node', '@chaosgarden/core']);

// Imports the built package, reports whether client-node was resolved, runs an action, reports again.
const childScript = `
import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ resolve(specifier, context, next) { seen.push(specifier); return next(specifier, context); } });
const k8s = await import(process.argv[1]);
const loadedOnImport = seen.includes('@kubernetes/client-node');
const yaml = 'current-context: c\\nclusters: [{name: k, cluster: {server: "https://127.0.0.1:9"}}]\\ncontexts: [{name: c, context: {cluster: k}}]';
await k8s.listClusterKeyResources({ kubeconfig: { yaml }, logger: { debug() {}, info() {}, warn() {}, error() {} } }).catch(() => {});
process.stdout.write(JSON.stringify({ loadedOnImport, loadedAfterAction: seen.includes('@kubernetes/client-node') }));
`;

describe('importing @chaosgarden/k8s', () => {
  it('does not load @kubernetes/client-node, neither by import nor by require', async () => {
    for (const file of ['index.js', 'index.cjs'] as const) {
      const violations = await built.violations(file);
      expect(violations).toEqual([]);
    }
  });

  it('loads it once an action runs', async () => {
    const stdout = await built.runScript(childScript);
    expect(JSON.parse(stdout)).toEqual({ loadedOnImport: false, loadedAfterAction: true });
  });
});
