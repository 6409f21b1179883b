import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The file `import` would load for `packageName` as seen by `require` (a resolver bound to a directory or
 * module), preferring the ESM entry so that the plugin shares the ESM copy of `@chaosgarden/core`.
 * `undefined` when the package is not installed there.
 */
export function packageEntry(require: NodeJS.Require, packageName: string): string | undefined {
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
    if ((error as NodeJS.ErrnoException).code === 'MODULE_NOT_FOUND') return undefined;
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
