import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { checkDescriptorIsCheap } from '@chaosgarden/testkit';
import { build } from 'tsup';
import { afterAll, beforeAll } from 'vitest';

/** The repository root, where the built package's dependencies resolve as they do for a user. */
export const repositoryRoot = fileURLToPath(new URL('../', import.meta.url));

export interface BuiltPackage {
  /** Where `index.js` (ESM) and `index.cjs` were built. */
  readonly outDir: string;
  /** `checkDescriptorIsCheap` for the built `index.js` (by `import`) or `index.cjs` (by `require`). */
  violations(file: 'index.js' | 'index.cjs'): ReturnType<typeof checkDescriptorIsCheap>;
  /** Runs an ESM script in a child Node, with the built `index.js` URL as `process.argv[1]`; its stdout. */
  runScript(script: string, options?: { cwd?: string }): Promise<string>;
}

/**
 * Builds `packages/<directory>/src/index.ts` from its current source (tsup, no declarations) into
 * the root node_modules cache before the file's tests, leaving `external` unbundled, and removes the
 * build after them.
 */
export function useBuildForImportCheck(directory: string, external: string[]): BuiltPackage {
  const outDir = join(repositoryRoot, `node_modules/.cache/chaosgarden-${directory}-lazy-import`);
  beforeAll(async () => {
    await build({
      config: false,
      entry: { index: join(repositoryRoot, `packages/${directory}/src/index.ts`) },
      format: ['esm', 'cjs'],
      outDir,
      platform: 'node',
      target: 'node22',
      dts: false,
      silent: true,
      external,
    });
  }, 60_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));
  return {
    outDir,
    violations: (file) =>
      checkDescriptorIsCheap({
        moduleId: join(outDir, file),
        methods: [file.endsWith('.cjs') ? 'require' : 'import'],
        cwd: repositoryRoot,
      }),
    async runScript(script, { cwd = repositoryRoot } = {}) {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--no-warnings',
          '--input-type=module',
          '--eval',
          script,
          pathToFileURL(join(outDir, 'index.js')).href,
        ],
        { cwd, timeout: 30_000 },
      );
      return stdout;
    },
  };
}
