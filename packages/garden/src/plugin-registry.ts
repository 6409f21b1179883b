import {
  type CloudProviderDescriptorV1,
  InvalidArgumentError,
  PluginNotInstalledError,
  UnsupportedProviderError,
} from '@chaosgarden/core';
import { importPackage, PackageNotFound } from './import-package';

/** Provider types chaosgarden has a plugin for, and their packages. */
const implemented: Readonly<Record<string, string>> = { aws: '@chaosgarden/aws' };
/** Provider types the Python tool supported that have no plugin yet: their names are reserved. */
const reserved = ['azure', 'gcp', 'openstack', 'vsphere', 'alicloud'] as const;

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
  checkDescriptor(descriptor, 'plugin');
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
  const exported = await importPlugin(packageName, undefined, options.resolvePluginsFrom);
  return checkDescriptor(exported.plugin, `${packageName}'s export plugin`);
}

/**
 * The plugin for a shoot's `spec.provider.type`: from `plugins`, else registered, else the package
 * `@chaosgarden/<type>` imported from the user's project.
 *
 * @throws PluginNotInstalledError naming the package to install; UnsupportedProviderError for a provider
 *   type without a plugin.
 */
export async function resolveCloudProviderPlugin(
  providerType: string,
  options: PluginLookupOptions = {},
): Promise<CloudProviderDescriptorV1> {
  const explicit = options.plugins?.find((plugin) => plugin?.providerType === providerType);
  if (explicit !== undefined) return checkDescriptor(explicit, 'plugins');
  const known = registered.get(providerType);
  if (known !== undefined) return known;
  const packageName = implemented[providerType];
  if (packageName !== undefined) {
    const exported = await importPlugin(packageName, providerType, options.resolvePluginsFrom);
    const descriptor = checkDescriptor(exported.plugin, `${packageName}'s export plugin`);
    if (descriptor.providerType !== providerType) {
      throw new InvalidArgumentError({
        argument: 'plugin',
        message: `${packageName} serves provider type ${descriptor.providerType}, not ${providerType}.`,
      });
    }
    return descriptor;
  }
  throw new UnsupportedProviderError({ providerType, supported: Object.keys(implemented) });
}

/** Provider types with a chaosgarden plugin, and the reserved ones without one yet. */
export const cloudProviderPackages: Readonly<{
  implemented: Readonly<Record<string, string>>;
  reserved: readonly string[];
}> = Object.freeze({ implemented, reserved });

async function importPlugin(packageName: string, providerType: string | undefined, from: string | undefined) {
  try {
    return await importPackage(packageName, from ?? process.cwd());
  } catch (error) {
    if (!(error instanceof PackageNotFound)) throw error;
    // Not in the user's project: with the default directory, also look where garden itself is installed
    // (a global install of the CLI, say). An explicit directory is the only place looked at.
    const fallback = from === undefined ? await importNextToGarden(packageName) : undefined;
    if (fallback !== undefined) return fallback;
    throw new PluginNotInstalledError({
      packageName,
      ...(providerType === undefined ? {} : { providerType }),
      cause: error,
    });
  }
}

async function importNextToGarden(packageName: string): Promise<Record<string, unknown> | undefined> {
  try {
    return (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (
      (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
      String(error).includes(packageName)
    ) {
      return undefined;
    }
    throw error;
  }
}

function checkDescriptor(candidate: unknown, where: string): CloudProviderDescriptorV1 {
  const descriptor = candidate as Partial<CloudProviderDescriptorV1> | undefined;
  const problems: string[] = [];
  if (typeof descriptor !== 'object' || descriptor === null) {
    problems.push('it is not an object');
  } else {
    if (descriptor.specificationVersion !== 'v1') {
      problems.push(`specificationVersion is ${String(descriptor.specificationVersion)}, garden knows v1`);
    }
    if (typeof descriptor.providerType !== 'string' || descriptor.providerType === '') {
      problems.push('providerType is missing');
    }
    if (typeof descriptor.fromShoot !== 'function') problems.push('fromShoot is not a function');
    if (typeof descriptor.load !== 'function') problems.push('load is not a function');
  }
  if (problems.length > 0) {
    throw new InvalidArgumentError({
      argument: 'plugin',
      message: `${where} is not a chaosgarden v1 cloud-provider descriptor: ${problems.join('; ')}.`,
    });
  }
  return descriptor as CloudProviderDescriptorV1;
}
