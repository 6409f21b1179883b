import { fileURLToPath } from 'node:url';
import { type LoadedModule, type LoadMethod, listLoadedModules } from './list-loaded-modules';

/**
 * Cloud and cluster SDKs a descriptor module must not load. An entry is a package name
 * (`@kubernetes/client-node`), a scope wildcard (`@aws-sdk/*`) or a built-in (`node:http2`).
 */
export const defaultHeavyModules: readonly string[] = [
  '@aws-sdk/*',
  '@smithy/*',
  '@azure/*',
  '@google-cloud/*',
  'google-gax',
  'googleapis',
  '@kubernetes/client-node',
];

export interface CheckDescriptorIsCheapOptions {
  /** The module that exports the descriptor, as `listLoadedModules` takes it; point it at built output. */
  moduleId: string;
  /** What must not be loaded. Default `defaultHeavyModules`; spread it to add your SDK. */
  heavyModules?: readonly string[];
  /** Load with `import`, `require` or both. Default both. */
  methods?: readonly LoadMethod[];
  /** Directory bare package names resolve from. Default `process.cwd()`. */
  cwd?: string;
  /** Per child process. Default 15000 ms. */
  timeoutMs?: number;
}

/**
 * Imports (and requires) the descriptor module in a fresh Node process and checks that none of
 * `heavyModules` was loaded: a plugin imports its SDK inside `load()`, so reading the descriptor stays
 * cheap for garden and the CLI.
 *
 * @returns One sentence per violation (including a module that cannot be loaded); empty when cheap.
 */
export async function checkDescriptorIsCheap(options: CheckDescriptorIsCheapOptions): Promise<string[]> {
  const heavyModules = options.heavyModules ?? defaultHeavyModules;
  const violations: string[] = [];
  for (const method of options.methods ?? ['import', 'require']) {
    let loaded: LoadedModule[];
    try {
      loaded = await listLoadedModules({ ...options, method });
    } catch (error) {
      violations.push(error instanceof Error ? error.message : String(error));
      continue;
    }
    const heavy = [...new Set(loaded.flatMap((module) => heavyMatches(module, heavyModules)))];
    if (heavy.length > 0) {
      const more = heavy.length > 5 ? ` and ${heavy.length - 5} more` : '';
      violations.push(
        `${method === 'import' ? 'importing' : 'requiring'} ${options.moduleId} loads ${heavy.slice(0, 5).join(', ')}${more}; ` +
          'import SDKs inside load() (await import(...)) instead of at the top of the module',
      );
    }
  }
  return violations;
}

/** The names under which `module` matches `heavyModules`: its package name or its built-in specifier. */
export function heavyMatches(module: LoadedModule, heavyModules: readonly string[]): string[] {
  const names = new Set([packageNameOfSpecifier(module.specifier), packageNameOfUrl(module.url)]);
  if (module.url.startsWith('node:')) names.add(module.url);
  const matches: string[] = [];
  for (const name of names) {
    if (name !== undefined && heavyModules.some((entry) => matchesEntry(name, entry))) matches.push(name);
  }
  return matches;
}

function matchesEntry(name: string, entry: string): boolean {
  return entry.endsWith('/*') ? name.startsWith(entry.slice(0, -1)) : name === entry;
}

function packageNameOfSpecifier(specifier: string): string | undefined {
  if (/^(?:[./#]|[a-z][a-z0-9+.-]*:)/i.test(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

// Also catches a package's own internal files, which it imports by relative specifiers.
function packageNameOfUrl(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined;
  const path = fileURLToPath(url).replaceAll('\\', '/');
  const index = path.lastIndexOf('/node_modules/');
  if (index < 0) return undefined;
  const parts = path.slice(index + '/node_modules/'.length).split('/');
  return parts[0]?.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
