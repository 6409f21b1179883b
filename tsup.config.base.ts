import type { Options } from 'tsup';

/**
 * The one build recipe every package shares: ESM + CJS with `.d.ts`/`.d.cts`.
 * Kept to plain options so the packages can move to tsup's successor without rewriting.
 */
export function packageBuild(entry: Record<string, string> | string[] = ['src/index.ts']): Options {
  return {
    entry,
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'node22',
    platform: 'node',
    splitting: false,
    treeshake: true,
  };
}
