export { builtInProviderPlugin } from './built-in-provider-plugin';
export type { BuiltInProviderPlugin } from './built-in-provider-plugins';
export { builtInProviderPlugins } from './built-in-provider-plugins';
export { checkProviderDescriptor } from './check-provider-descriptor';
export type { ImportPluginPackageOptions } from './import-plugin-package';
export { importPluginPackage } from './import-plugin-package';
export { loadPluginPackage } from './load-plugin-package';
export { loadProviderPlugin } from './load-provider-plugin';
export type { PluginSearchBase, PluginSearchOptions } from './plugin-search-options';
