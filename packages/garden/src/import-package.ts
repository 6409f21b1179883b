import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Thrown (internally) when the package cannot be found from the given directory. */
export class PackageNotFound extends Error {
  override readonly name = 'PackageNotFound';
}

/**
 * Imports a package the way the user's project would (resolved from `resolveFrom`, not from garden's
 * own location), preferring its ESM entry so that it shares the ESM copy of `@chaosgarden/core`.
 *
 * @throws PackageNotFound when the package is not installed there.
 */
export async function importPackage(
  packageName: string,
  resolveFrom: string,
): Promise<Record<string, unknown>> {
  const require = createRequire(join(resolve(resolveFrom), 'package.json'));
  const entry = resolveEntry(require, packageName);
  return (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
}

function resolveEntry(require: NodeJS.Require, packageName: string): string {
  try {
    const manifestPath = require.resolve(`${packageName}/package.json`);
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    return join(dirname(manifestPath), esmEntry(manifest));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' && code !== 'MODULE_NOT_FOUND') throw error;
  }
  try {
    // No exported package.json: fall back to what `require` would load.
    return require.resolve(packageName);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') {
      throw new PackageNotFound(`Cannot find package ${packageName}`, { cause: error });
    }
    throw error;
  }
}

function esmEntry(manifest: Record<string, unknown>): string {
  let exported = manifest.exports;
  if (typeof exported === 'object' && exported !== null && !Array.isArray(exported) && '.' in exported) {
    exported = (exported as Record<string, unknown>)['.'];
  }
  const fromExports = pickCondition(exported);
  if (fromExports !== undefined) return fromExports;
  for (const field of ['module', 'main']) {
    if (typeof manifest[field] === 'string') return manifest[field] as string;
  }
  return 'index.js';
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const found = pickCondition(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (typeof target !== 'object' || target === null) return undefined;
  for (const condition of ['import', 'node', 'default']) {
    if (condition in target) {
      const found = pickCondition((target as Record<string, unknown>)[condition]);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
