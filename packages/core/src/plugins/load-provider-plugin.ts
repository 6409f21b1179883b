import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { PluginNotInstalledError } from '../errors/plugin-not-installed-error';
import { UnsupportedProviderError } from '../errors/unsupported-provider-error';
import type { CloudProviderDescriptorV1 } from '../provider/v1/provider';
import { builtInProviderPlugin } from './built-in-provider-plugin';
import { builtInProviderPlugins } from './built-in-provider-plugins';
import { checkProviderDescriptor } from './check-provider-descriptor';
import { importPluginPackage } from './import-plugin-package';
import type { PluginSearchOptions } from './plugin-search-options';

/**
 * The descriptor of the built-in plugin for a provider type (`aws` → `@chaosgarden/aws`, from
 * `builtInProviderPlugins`), imported from the user's project first, then from the caller's install, and
 * checked: a v1 descriptor serving exactly this type.
 *
 * @throws UnsupportedProviderError for a type without a row, or whose package is reserved and not installed
 *   (listing the published types); PluginNotInstalledError naming the package to install; InvalidArgumentError
 *   when the package exports no valid descriptor or one for another type.
 */
export async function loadProviderPlugin(
  providerType: string,
  options: PluginSearchOptions = {},
): Promise<CloudProviderDescriptorV1> {
  const row = builtInProviderPlugin(providerType);
  const published = builtInProviderPlugins
    .filter((plugin) => plugin.published)
    .map((plugin) => plugin.providerType);
  if (row === undefined) throw new UnsupportedProviderError({ providerType, supported: published });
  let exported: Record<string, unknown>;
  try {
    exported = await importPluginPackage(row.packageName, { ...options, providerType });
  } catch (error) {
    if (!row.published && PluginNotInstalledError.isInstance(error)) {
      throw new UnsupportedProviderError({ providerType, supported: published });
    }
    throw error;
  }
  const descriptor = checkProviderDescriptor(exported.plugin, `${row.packageName}'s export plugin`);
  if (descriptor.providerType !== providerType) {
    throw new InvalidArgumentError({
      argument: 'plugin',
      message: `${row.packageName} serves provider type ${descriptor.providerType}, not ${providerType}.`,
    });
  }
  return descriptor;
}
