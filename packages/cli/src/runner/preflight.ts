import { type Logger, PluginNotInstalledError } from '@chaosgarden/core';
import { ExperimentError } from '../experiment/experiment-error';
import type { ActivitySpec } from '../experiment/experiment-schema';
import { type Lookup, unknownPlaceholders } from '../experiment/substitute';
import { type LoadedExperiment, orderedAt } from '../experiment/validate-experiment';
import { loadFunction } from '../providers/load-function';
import { pluginTarget } from '../providers/plugin-provider';

/**
 * Checks before anything runs that every plugin function exists and every secret scope is defined,
 * so a missing plugin fails the run up front, not halfway through the method. Warns about
 * placeholders no configuration or secret defines (they stay as written, as in Chaos Toolkit).
 *
 * @throws PluginNotInstalledError naming the package to install; ExperimentError otherwise.
 */
export async function preflight(experiment: LoadedExperiment, lookup: Lookup, logger: Logger): Promise<void> {
  const { spec, tree } = experiment;
  const sections: [string, readonly ActivitySpec[]][] = [
    ['steady-state-hypothesis.probes', spec['steady-state-hypothesis']?.probes ?? []],
    ['method', spec.method],
    ['rollbacks', spec.rollbacks ?? []],
  ];
  const scopes = new Set(Object.keys(spec.secrets ?? {}));
  for (const [section, activities] of sections) {
    const path =
      section === 'method' || section === 'rollbacks' ? [section] : ['steady-state-hypothesis', 'probes'];
    for (const [index, activity] of activities.entries()) {
      const where = `${section}[${index}].provider`;
      const provider = orderedAt(tree, [...path, index, 'provider']);
      if (!(provider instanceof Map)) continue;
      for (const name of unknownPlaceholders(provider, lookup)) {
        logger.warn(`${where}: \${${name}} is not defined in configuration or secrets; it stays as written.`);
      }
      if (activity.provider.type !== 'python' && activity.provider.type !== 'chaosgarden') continue;
      for (const scope of activity.provider.secrets ?? []) {
        if (!scopes.has(scope)) {
          throw new ExperimentError(
            `${where}.secrets: scope ${scope} is not defined in the experiment's "secrets".`,
            {
              issues: [{ path: `${where}.secrets`, message: `unknown secret scope ${scope}` }],
            },
          );
        }
      }
      try {
        const target = pluginTarget(provider);
        await loadFunction(target.packageName, target.functionName);
      } catch (error) {
        if (PluginNotInstalledError.isInstance(error)) throw error;
        throw new ExperimentError(`${where}: ${(error as Error).message}`, {
          cause: error,
          issues: [{ path: where, message: (error as Error).message }],
        });
      }
    }
  }
}
