import { pathToFileURL } from 'node:url';
import {
  builtInProviderPlugins,
  type CloudProviderDescriptorV1,
  checkProviderDescriptor,
  loadPluginPackage,
  loadProviderPlugin,
  type PluginSearchOptions,
} from '@chaosgarden/core';

const registered = new Map<string, CloudProviderDescriptorV1>();

/** Where a plugin is found. */
export interface PluginLookupOptions {
  /** Explicit plugins; the one for the provider type wins over everything else. */
  plugins?: readonly CloudProviderDescriptorV1[] | undefined;
  /**
   * Directory packages are resolved from. Default: `process.cwd()` (the user's project), then where
   * garden itself is installed.
   */
  resolvePluginsFrom?: string | undefined;
}

/**
 * Registers a (third-party) plugin for its `providerType`, for every later garden call of this process.
 * It wins over the `@chaosgarden/<type>` package; a `plugins` option given to a call wins over it.
 *
 * @throws InvalidArgumentError when `descriptor` is not a v1 cloud-provider descriptor.
 */
export function registerCloudProviderPlugin(descriptor: CloudProviderDescriptorV1): void {
  checkProviderDescriptor(descriptor, 'plugin');
  registered.set(descriptor.providerType, descriptor);
}

/** Forgets a registration made with `registerCloudProviderPlugin`; returns whether there was one. */
export function unregisterCloudProviderPlugin(providerType: string): boolean {
  return registered.delete(providerType);
}

/**
 * Imports a plugin package by name (as the CLI's `--plugin <package>` does) and returns its `plugin`
 * descriptor; pass it to `registerCloudProviderPlugin` or in the `plugins` option.
 *
 * @throws PluginNotInstalledError when the package cannot be found; InvalidArgumentError when it exports
 *   no v1 descriptor named `plugin`.
 */
export async function loadCloudProviderPluginPackage(
  packageName: string,
  options: { resolvePluginsFrom?: string | undefined } = {},
): Promise<CloudProviderDescriptorV1> {
  return loadPluginPackage(packageName, searchOptions(options.resolvePluginsFrom));
}

/**
 * The plugin for a shoot's `spec.provider.type`: from `plugins`, else registered, else the package
 * `@chaosgarden/<type>` imported from the user's project (core's `loadProviderPlugin`).
 *
 * @throws PluginNotInstalledError naming the package to install; UnsupportedProviderError for a provider
 *   type without a plugin.
 */
export async function resolveCloudProviderPlugin(
  providerType: string,
  options: PluginLookupOptions = {},
): Promise<CloudProviderDescriptorV1> {
  const explicit = options.plugins?.find((plugin) => plugin?.providerType === providerType);
  if (explicit !== undefined) return checkProviderDescriptor(explicit, 'plugins');
  const known = registered.get(providerType);
  if (known !== undefined) return known;
  return loadProviderPlugin(providerType, searchOptions(options.resolvePluginsFrom));
}

/** Provider types with a published chaosgarden plugin, and the reserved ones without one yet (core's table). */
export const cloudProviderPackages: Readonly<{
  implemented: Readonly<Record<string, string>>;
  reserved: readonly string[];
}> = Object.freeze({
  implemented: Object.freeze(
    Object.fromEntries(
      builtInProviderPlugins.filter((row) => row.published).map((row) => [row.providerType, row.packageName]),
    ),
  ),
  reserved: Object.freeze(
    builtInProviderPlugins.filter((row) => !row.published).map((row) => row.providerType),
  ),
});

// An explicit directory is the only place looked at; by default the user's project, then next to garden
// (a global install of the CLI, say).
function searchOptions(resolvePluginsFrom: string | undefined): PluginSearchOptions {
  return resolvePluginsFrom === undefined ? { caller: gardenModule() } : { searchFrom: [resolvePluginsFrom] };
}

function gardenModule(): string | URL | undefined {
  // The CommonJS build has `__filename`; the ESM build has `import.meta.url` (empty in CommonJS output).
  if (typeof __filename === 'string') return pathToFileURL(__filename);
  return (import.meta as { url?: string }).url;
}
