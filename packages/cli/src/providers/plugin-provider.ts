import {
  camelizeKeys,
  type OrderedJsonValue,
  pythonModuleToPackage,
  toCamelCase,
  toPlainJson,
} from '@chaosgarden/core';
import { ExperimentError } from '../experiment/experiment-error';
import type { ActivityContext, ProviderTree } from './activity-context';
import { type LoadedFunction, loadFunction } from './load-function';

/** Package and function a `chaosgarden` or `python` provider names, in our spelling. */
export interface PluginTarget {
  packageName: string;
  functionName: string;
  /** Arguments, configuration and secrets keys are snake_case and converted (`python` type). */
  python: boolean;
}

/** `{"type": "python", "module": "chaosgarden.aws.actions", "func": "run_…"}` → `@chaosgarden/aws` + `run…`. */
export function pluginTarget(provider: ProviderTree): PluginTarget {
  if (provider.get('type') === 'python') {
    const module = String(provider.get('module'));
    if (!module.startsWith('chaosgarden.')) {
      throw new ExperimentError(
        `Python module ${module} is not a chaosgarden module; only chaosgarden.* modules can run here.`,
      );
    }
    const { packageName } = pythonModuleToPackage(module);
    return { packageName, functionName: toCamelCase(String(provider.get('func'))), python: true };
  }
  return {
    packageName: String(provider.get('package')),
    functionName: String(provider.get('function')),
    python: false,
  };
}

/**
 * The options object for the plugin function: the arguments (camelCase; `filters` kept ordered so
 * artefact-name hashes match the Python tool), the configuration for cloud plugins, the merged
 * secrets of the listed scopes only, and the runner's logger, signal and ledger.
 */
export function pluginOptions(
  loaded: LoadedFunction,
  provider: ProviderTree,
  context: ActivityContext,
): Record<string, unknown> {
  const given = provider.get('arguments');
  const raw = given instanceof Map ? Object.fromEntries(given) : {};
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(camelizeKeys(raw, 'arguments'))) {
    if (key === 'configuration' || key === 'secrets') {
      throw new ExperimentError(`Argument ${key} is injected by the runner; remove it from "arguments".`);
    }
    options[key] = key === 'filters' ? value : toPlainJson(value);
  }
  if (loaded.cloudProvider) {
    options.configuration = camelizeKeys(toPlainJson(context.settings.configuration), 'configuration');
    options.ledger = context.ledger;
  }
  const scopes = provider.get('secrets');
  if (Array.isArray(scopes) && scopes.length > 0) {
    const merged = new Map<string, OrderedJsonValue>();
    for (const scope of scopes) {
      const entries = context.settings.secrets.get(String(scope));
      if (entries === undefined) {
        throw new ExperimentError(
          `Secret scope ${String(scope)} is not defined in the experiment's "secrets".`,
        );
      }
      for (const [key, value] of entries) merged.set(key, value);
    }
    options.secrets = camelizeKeys(toPlainJson(merged), 'secrets');
  }
  if (loaded.packageName === '@chaosgarden/cli') {
    options.terminal = context.terminal;
    options.assumeYes = context.assumeYes;
  }
  options.logger = context.logger;
  options.signal = context.signal;
  return options;
}

/** Runs a `chaosgarden` or `python` provider and returns the function's result. */
export async function runPluginProvider(provider: ProviderTree, context: ActivityContext): Promise<unknown> {
  const target = pluginTarget(provider);
  const loaded = await loadFunction(target.packageName, target.functionName);
  return await loaded.call(pluginOptions(loaded, provider, context));
}
