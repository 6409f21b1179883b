import { execFile } from 'node:child_process';
import { mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
// Inside the package, so that bare imports resolve from the workspace's node_modules; `.cache/` is ignored by git.
const outDir = fileURLToPath(new URL('../.cache/lazy-sdk-import-test/', import.meta.url));

// Runs in a fresh Node process: records every resolution (ESM and CommonJS) and reports which AWS SDK
// packages were loaded after importing the package, after `plugin.load()`, and after an action ran.
const childScript = `
import { createRequire, registerHooks } from 'node:module';
const [target, method] = process.argv.slice(1);
const loaded = new Set();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const match = /node_modules\\/(@aws-sdk\\/[^/]+|@smithy\\/[^/]+)/.exec(resolved.url);
    if (match) loaded.add(match[1]);
    return resolved;
  },
});
const snapshot = () => [...loaded].sort();
const aws = method === 'require' ? createRequire(import.meta.url)(target) : await import(target);
const afterImport = snapshot();
await aws.plugin.load();
const afterLoad = snapshot();
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
await aws.assessFiltersImpact({
  zone: 'eu-west-1a',
  configuration: { awsRegion: 'eu-west-1', awsEndpointUrl: 'http://127.0.0.1:9' },
  secrets: { awsAccessKeyId: 'testing', awsSecretAccessKey: 'testing' },
  signal: AbortSignal.abort(),
  logger: quiet,
}).catch(() => undefined);
process.stdout.write(JSON.stringify({ afterImport, afterLoad, afterAction: snapshot() }));
`;

function loadedModules(file: string, method: 'import' | 'require') {
  const target = method === 'import' ? pathToFileURL(file).href : file;
  return new Promise<{ afterImport: string[]; afterLoad: string[]; afterAction: string[] }>(
    (resolve, reject) => {
      execFile(
        process.execPath,
        ['--no-warnings', '--input-type=module', '--eval', childScript, target, method],
        { cwd: packageDir, timeout: 30_000 },
        (error, stdout, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(JSON.parse(stdout)),
      );
    },
  );
}

describe('importing @chaosgarden/aws', () => {
  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    // The same bundling as the package build (tsup: esbuild, both formats, dependencies external).
    for (const format of ['esm', 'cjs'] as const) {
      await build({
        entryPoints: [fileURLToPath(new URL('../src/index.ts', import.meta.url))],
        outfile: `${outDir}index.${format === 'esm' ? 'mjs' : 'cjs'}`,
        bundle: true,
        format,
        platform: 'node',
        target: 'node22',
        packages: 'external',
        logLevel: 'silent',
      });
    }
  });
  afterAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    try {
      rmdirSync(fileURLToPath(new URL('../.cache/', import.meta.url)));
    } catch {
      // Not empty (something else caches there too) or already gone.
    }
  });

  it.each([
    ['import', 'index.mjs'],
    ['require', 'index.cjs'],
  ] as const)('with %s loads no AWS SDK package until an action runs', async (method, file) => {
    const { afterImport, afterLoad, afterAction } = await loadedModules(`${outDir}${file}`, method);
    expect(afterImport).toEqual([]);
    expect(afterLoad).toEqual([]);
    expect(afterAction).toContain('@aws-sdk/client-ec2');
  });
});
