import {
  type CloudProviderDescriptorV1,
  checkProviderDescriptor,
  importPluginPackage,
  loadProviderPlugin,
} from '@chaosgarden/core';
import { ExperimentError } from '../experiment/experiment-error';

/** A function found in a plugin package, and whether the package is a v1 cloud provider plugin. */
export interface LoadedFunction {
  packageName: string;
  functionName: string;
  call: (options: Record<string, unknown>) => unknown;
  /** The package exports a v1 cloud descriptor: its actions take `configuration` and `ledger`. */
  cloudProvider: boolean;
}

/**
 * Imports a plugin by package name (lazily: only when an experiment or command needs it) and finds
 * the named function. `@chaosgarden/cli` itself provides the human actions.
 *
 * @throws PluginNotInstalledError when the package cannot be found; InvalidArgumentError when it exports
 *   a `plugin` that is no v1 descriptor.
 * @throws ExperimentError when it does not export the function.
 */
export async function loadFunction(packageName: string, functionName: string): Promise<LoadedFunction> {
  const exports: Record<string, unknown> =
    packageName === '@chaosgarden/cli'
      ? { ...(await import('./human-actions')) }
      : await importPlugin(packageName);
  const candidate = exports[functionName];
  if (typeof candidate !== 'function') {
    const available = Object.keys(exports)
      .filter((key) => typeof exports[key] === 'function' && /^[a-z]/.test(key))
      .sort();
    throw new ExperimentError(
      `${packageName} has no function ${functionName}; it exports: ${available.join(', ')}.`,
    );
  }
  // A package exporting `plugin` is a cloud plugin, and then its descriptor must be a valid one.
  if (exports.plugin !== undefined) checkProviderDescriptor(exports.plugin, `${packageName}'s export plugin`);
  const cloudProvider = exports.plugin !== undefined;
  return { packageName, functionName, call: candidate as LoadedFunction['call'], cloudProvider };
}

/**
 * Imports a plugin package from the user's project (the current directory) first, then from the CLI's own
 * install (core's `importPluginPackage`).
 *
 * @throws PluginNotInstalledError naming the npm package when it is in neither.
 */
export function importPlugin(packageName: string): Promise<Record<string, unknown>> {
  return importPluginPackage(packageName, { caller: cliModule() });
}

/**
 * The checked descriptor of the built-in plugin for a provider type, from the user's project first, then
 * the CLI's install (core's `loadProviderPlugin`).
 *
 * @throws UnsupportedProviderError, PluginNotInstalledError, InvalidArgumentError as `loadProviderPlugin`.
 */
export function loadCloudPlugin(providerType: string): Promise<CloudProviderDescriptorV1> {
  return loadProviderPlugin(providerType, { caller: cliModule() });
}

function cliModule(): string | undefined {
  // Empty in the CommonJS build, which the executable never uses: then only the project is searched.
  return (import.meta as { url?: string }).url;
}
