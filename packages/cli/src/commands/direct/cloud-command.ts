import { type ActionDeclaration, ChaosgardenError, type CloudProviderDescriptorV1 } from '@chaosgarden/core';
import { importPlugin } from '../../providers/load-function';
import { type CommandIo, commandLogger } from '../command-io';
import { exitCodes } from '../exit-codes';
import { cloudActions, declaredOnly } from './cloud-actions';
import { type DirectCommandSpec, type DirectTarget, directCommand } from './direct-command';
import { gardenActions, k8sActions } from './plugin-actions';

/**
 * `chaosgarden <provider> <action> …`: loads the plugin's descriptor, generates one sub-command per
 * contract action from it, runs the chosen one and prints its result as JSON on stdout.
 */
export async function cloudCommand(
  packageName: string,
  args: readonly string[],
  io: CommandIo,
): Promise<number> {
  let descriptor: CloudProviderDescriptorV1;
  try {
    descriptor = (await importPlugin(packageName)).plugin as CloudProviderDescriptorV1;
  } catch (error) {
    return pluginMissing(error, io);
  }
  return directCommand(
    {
      name: `chaosgarden ${descriptor.providerType}`,
      description: `${descriptor.providerType} actions of ${packageName}`,
      actions: cloudActions(descriptor),
      load: async () => (await descriptor.load()) as unknown as DirectTarget,
    },
    args,
    io,
  );
}

/** The direct commands of the plugins whose actions are exported functions. */
const functionPlugins = {
  k8s: { packageName: '@chaosgarden/k8s', actions: k8sActions, what: 'pod actions' },
  garden: { packageName: '@chaosgarden/garden', actions: gardenActions, what: 'shoot actions' },
} as const;

export type FunctionPlugin = keyof typeof functionPlugins;

/**
 * `chaosgarden k8s pods …`, `chaosgarden garden <action> …`: generated from the plugin's option names,
 * only those its functions declare (when the installed package declares them; its import is cheap);
 * the plugin's functions (`load`, default: its package) are called only when an action runs.
 */
export async function pluginCommand(
  plugin: FunctionPlugin,
  args: readonly string[],
  io: CommandIo,
  load?: () => Promise<DirectTarget>,
): Promise<number> {
  const { packageName, actions, what } = functionPlugins[plugin];
  const declarations = await declarationsOf(packageName);
  const spec: DirectCommandSpec = {
    name: `chaosgarden ${plugin}`,
    description: `${what} of ${packageName}`,
    actions: actions().map((action) => declaredOnly(action, declarations[action.method])),
    load: load ?? (() => importPlugin(packageName)),
  };
  return directCommand(spec, args, io);
}

/** The `declaration` of each exported function of the package; none when it is not installed. */
async function declarationsOf(packageName: string): Promise<Record<string, ActionDeclaration | undefined>> {
  const exports = await importPlugin(packageName).catch((): Record<string, unknown> => ({}));
  return Object.fromEntries(
    Object.entries(exports).map(([name, value]) => [
      name,
      typeof value === 'function' ? (value as { declaration?: ActionDeclaration }).declaration : undefined,
    ]),
  );
}

function pluginMissing(error: unknown, io: CommandIo): number {
  if (!ChaosgardenError.isInstance(error)) throw error;
  commandLogger({}, io).error(error.message, { code: error.code });
  return exitCodes.invalid;
}
