import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PluginNotInstalledError } from '../errors/plugin-not-installed-error';
import { packageEntry } from './package-entry';
import type { PluginSearchBase, PluginSearchOptions } from './plugin-search-options';

/** What `importPluginPackage` takes: the search places and, for the message, the provider type. */
export interface ImportPluginPackageOptions extends PluginSearchOptions {
  /** Shown in the "not installed" message. Default: not shown. */
  providerType?: string | undefined;
}

/**
 * Imports a package the way the user's project would: resolved from the current directory first, then
 * from the caller's own install (`caller`), or from exactly `searchFrom`; always through its ESM entry.
 * An error thrown while the package itself loads (a missing dependency of it, say) is not hidden.
 *
 * @throws PluginNotInstalledError naming the package to install when no place has it (each place's
 *   resolution error is kept in `cause`).
 */
export async function importPluginPackage(
  packageName: string,
  options: ImportPluginPackageOptions = {},
): Promise<Record<string, unknown>> {
  options.signal?.throwIfAborted();
  const places = options.searchFrom ?? [
    process.cwd(),
    ...(options.caller === undefined ? [] : [options.caller]),
  ];
  const misses: string[] = [];
  for (const place of places) {
    const entry = packageEntry(resolverAt(place), packageName);
    if (entry !== undefined) return (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
    misses.push(String(place));
  }
  throw new PluginNotInstalledError({
    packageName,
    ...(options.providerType === undefined ? {} : { providerType: options.providerType }),
    cause: new Error(`Cannot find package ${packageName} from ${misses.join(', ') || 'nowhere'}`),
  });
}

function resolverAt(place: PluginSearchBase): NodeJS.Require {
  if (place instanceof URL || place.startsWith('file:')) return createRequire(place);
  // A directory: resolve as a module inside it would (the file need not exist).
  return createRequire(join(resolve(place), 'package.json'));
}
