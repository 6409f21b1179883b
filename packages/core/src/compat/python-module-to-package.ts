import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { UnsupportedProviderError } from '../errors/unsupported-provider-error';
import { builtInProviderPlugins } from '../plugins/built-in-provider-plugins';

export type PythonModuleKind = 'actions' | 'probes';

/** Where the functions of one Python module live in chaosgarden. */
export interface PythonModuleMapping {
  /** The dotted module an experiment file names, e.g. `chaosgarden.aws.actions`. */
  pythonModule: string;
  /** The npm package exporting its functions (camelCase names), e.g. `@chaosgarden/aws`. */
  packageName: string;
  kind: PythonModuleKind;
}

const cloudProviders = builtInProviderPlugins.map((plugin) => plugin.providerType);

/**
 * Every Python module with public functions. `chaosgarden.human.actions` (`wait_for`, the interactive
 * "press Enter" gate) maps to `@chaosgarden/cli`: it needs a terminal, which only the command-line
 * runner owns, and library packages must not read stdin. Most cloud packages do not exist yet; a loader
 * that cannot import one should throw `PluginNotInstalledError` with this `packageName`.
 */
export const pythonModules: readonly PythonModuleMapping[] = [
  ...builtInProviderPlugins.map((plugin) => entry(`${plugin.providerType}.actions`, plugin.packageName)),
  entry('k8s.actions', '@chaosgarden/k8s'),
  entry('k8s.probes', '@chaosgarden/k8s'),
  entry('garden.actions', '@chaosgarden/garden'),
  entry('garden.probes', '@chaosgarden/garden'),
  entry('human.actions', '@chaosgarden/cli'),
];

function entry(suffix: string, packageName: string): PythonModuleMapping {
  const kind = suffix.endsWith('.probes') ? 'probes' : 'actions';
  return Object.freeze({ pythonModule: `chaosgarden.${suffix}`, packageName, kind });
}

const byModule = new Map(pythonModules.map((mapping) => [mapping.pythonModule, mapping]));

/**
 * `chaosgarden.aws.actions` → `{ packageName: '@chaosgarden/aws', kind: 'actions' }`.
 *
 * @throws UnsupportedProviderError for `chaosgarden.<unknown>.actions` (including `chaosgarden.metal`,
 *   which has no functions); InvalidArgumentError (argument `module`) for anything else.
 */
export function pythonModuleToPackage(pythonModule: string): PythonModuleMapping {
  const mapping = byModule.get(pythonModule);
  if (mapping !== undefined) {
    return mapping;
  }
  const parts = typeof pythonModule === 'string' ? pythonModule.split('.') : [];
  if (
    parts[0] === 'chaosgarden' &&
    parts.length >= 2 &&
    parts[1] !== undefined &&
    /^[a-z0-9_]+$/.test(parts[1])
  ) {
    if (!byModule.has(`chaosgarden.${parts[1]}.actions`) && !byModule.has(`chaosgarden.${parts[1]}.probes`)) {
      throw new UnsupportedProviderError({ providerType: parts[1], supported: cloudProviders });
    }
  }
  throw new InvalidArgumentError({
    argument: 'module',
    message:
      `Module ${String(pythonModule)} is not a chaosgarden module with functions. Use one of: ` +
      `${pythonModules.map((known) => known.pythonModule).join(', ')}.`,
  });
}
