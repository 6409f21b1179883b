import { type BuiltInProviderPlugin, builtInProviderPlugins } from './built-in-provider-plugins';

/** The row of `builtInProviderPlugins` for a provider type, or `undefined` for a type chaosgarden has none for. */
export function builtInProviderPlugin(providerType: string): BuiltInProviderPlugin | undefined {
  return builtInProviderPlugins.find((plugin) => plugin.providerType === providerType);
}
