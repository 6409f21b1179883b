import type { ActivityContext, ProviderTree } from './activity-context';

/** Runs any provider type and returns its output (a plugin's result, process or HTTP output). */
export async function runProvider(provider: ProviderTree, context: ActivityContext): Promise<unknown> {
  switch (provider.get('type')) {
    case 'process':
      return (await import('./process-provider')).runProcessProvider(provider, context);
    case 'http':
      return (await import('./http-provider')).runHttpProvider(provider, context);
    default:
      return (await import('./plugin-provider')).runPluginProvider(provider, context);
  }
}
