import type { CloudProviderDescriptorV1 } from '../provider/v1/provider';
import { checkProviderDescriptor } from './check-provider-descriptor';
import { importPluginPackage } from './import-plugin-package';
import type { PluginSearchOptions } from './plugin-search-options';

/**
 * Imports a plugin package by name (a third-party `chaosgarden-plugin-hcloud`, say) from the user's project,
 * then the caller's install, and returns its checked `plugin` descriptor.
 *
 * @throws PluginNotInstalledError when the package cannot be found; InvalidArgumentError when it exports
 *   no v1 descriptor named `plugin`.
 */
export async function loadPluginPackage(
  packageName: string,
  options: PluginSearchOptions = {},
): Promise<CloudProviderDescriptorV1> {
  const exported = await importPluginPackage(packageName, options);
  return checkProviderDescriptor(exported.plugin, `${packageName}'s export plugin`);
}
