import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { checkDescriptorIsCheap } from '@chaosgarden/testkit';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The package is built from its current source (tsup, no declarations) into the root node_modules cache,
// where `@kubernetes/client-node` and `@chaosgarden/core` resolve as they do for a user.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(root, 'node_modules/.cache/chaosgarden-k8s-lazy-import');

beforeAll(async () => {
  await build({
    config: false,
    entry: { index: join(root, 'packages/k8s/src/index.ts') },
    format: ['esm', 'cjs'],
    outDir,
    platform: 'node',
    target: 'node22',
    dts: false,
    silent: true,
    external: ['@kubernetes/client-node', '@chaosgarden/core'],
  });
}, 60_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

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
    for (const file of ['index.js', 'index.cjs']) {
      const violations = await checkDescriptorIsCheap({
        moduleId: join(outDir, file),
        methods: [file.endsWith('.cjs') ? 'require' : 'import'],
        cwd: root,
      });
      expect(violations).toEqual([]);
    }
  });

  it('loads it once an action runs', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        '--no-warnings',
        '--input-type=module',
        '--eval',
        childScript,
        pathToFileURL(join(outDir, 'index.js')).href,
      ],
      { cwd: root, timeout: 30_000 },
    );
    expect(JSON.parse(stdout)).toEqual({ loadedOnImport: false, loadedAfterAction: true });
  });
});
