import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let found: string | undefined;

/**
 * The directory of the installed `@chaosgarden/testkit` package (in this repository: `packages/testkit`),
 * found from this module's own file. The sandbox's build recipes ship inside it, so the launcher works from
 * any project that installed the package: `tools/<name>/go.mod` + `go.sum` (the Go builds) and
 * `python/requirements-*.txt` (the hash-pinned virtualenvs).
 */
export function testkitPackageDir(): string {
  if (found !== undefined) return found;
  // `__filename` in the CommonJS build, `import.meta.url` in the ESM build and under vitest.
  const self = typeof __filename === 'string' ? __filename : fileURLToPath(import.meta.url);
  for (let dir = dirname(self); ; dir = dirname(dir)) {
    if (isTestkitPackage(join(dir, 'package.json'))) {
      found = dir;
      return dir;
    }
    if (dirname(dir) === dir) {
      throw new Error(`@chaosgarden/testkit: no package.json of the package above ${self}`);
    }
  }
}

function isTestkitPackage(manifestPath: string): boolean {
  if (!existsSync(manifestPath)) return false;
  try {
    return (
      (JSON.parse(readFileSync(manifestPath, 'utf8')) as { name?: unknown }).name === '@chaosgarden/testkit'
    );
  } catch {
    return false;
  }
}
