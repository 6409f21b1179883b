import { PluginNotInstalledError } from '@chaosgarden/core';
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
 * @throws PluginNotInstalledError when the package cannot be found.
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
  const descriptor = exports.plugin as { specificationVersion?: unknown; capabilities?: unknown } | undefined;
  return {
    packageName,
    functionName,
    call: candidate as LoadedFunction['call'],
    cloudProvider: descriptor?.specificationVersion === 'v1' && descriptor.capabilities !== undefined,
  };
}

/** @throws PluginNotInstalledError naming the npm package when it is not installed. */
export async function importPlugin(packageName: string): Promise<Record<string, unknown>> {
  try {
    return (await import(packageName)) as Record<string, unknown>;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const message = (error as Error).message ?? '';
    if ((code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(packageName)) {
      throw new PluginNotInstalledError({ packageName, cause: error });
    }
    throw error;
  }
}
