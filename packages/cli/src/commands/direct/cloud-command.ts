import {
  ChaosgardenError,
  type CloudProviderDescriptorV1,
  type CloudProviderV1,
  type Logger,
} from '@chaosgarden/core';
import { Command, CommanderError, Option } from 'commander';
import { waitFor } from '../../providers/human-actions';
import { importPlugin } from '../../providers/load-function';
import { type CommandIo, commandLogger, withSignalListeners } from '../command-io';
import { exitCodes, signalExitCode } from '../exit-codes';
import { cloudActions, type DirectAction } from './cloud-actions';
import { actionOptions } from './direct-options';

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
    if (!ChaosgardenError.isInstance(error)) throw error;
    commandLogger({}, io).error(error.message, { code: error.code });
    return exitCodes.invalid;
  }
  let exitCode: number = exitCodes.ok;
  const program = new Command(`chaosgarden ${descriptor.providerType}`)
    .description(`${descriptor.providerType} actions of ${packageName}`)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.out });
  for (const action of cloudActions(descriptor)) {
    const command = program.command(action.command).description(action.description);
    for (const option of action.options) {
      const flag = new Option(option.flags, option.description);
      if (option.choices !== undefined) flag.choices(option.choices);
      if (option.defaultValue !== undefined) flag.default(option.defaultValue);
      command.addOption(option.required === true ? flag.makeOptionMandatory() : flag);
    }
    command
      .option('--yes', 'do not ask for confirmation before changing anything')
      .addOption(new Option('--log-format <format>', 'log lines on stderr').choices(['human', 'json']))
      .action(async (values: Record<string, unknown>) => {
        exitCode = await runAction(descriptor, action, values, io);
      });
  }
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.invalid;
    throw error;
  }
  return exitCode;
}

async function runAction(
  descriptor: CloudProviderDescriptorV1,
  action: DirectAction,
  values: Record<string, unknown>,
  io: CommandIo,
): Promise<number> {
  const logger = commandLogger(values as { logFormat?: 'human' | 'json' }, io);
  try {
    const options = actionOptions(action, values, logger);
    const provider = await descriptor.load();
    if (action.changesCloud) await confirm(provider, options, values.yes === true, io, logger);
    const outcome = await withSignalListeners(logger, async (signal, received) => ({
      result: await (provider[action.method] as (options: object) => Promise<unknown>)({
        ...options,
        signal,
      }),
      signal: received(),
    }));
    io.out(`${JSON.stringify(outcome.result, null, 2)}\n`);
    return outcome.signal === undefined ? exitCodes.ok : signalExitCode(outcome.signal);
  } catch (error) {
    if (!ChaosgardenError.isInstance(error)) throw error;
    logger.error(error.message, { code: error.code });
    return error.code === 'invalid-argument' || error.code === 'confirmation-refused'
      ? exitCodes.invalid
      : exitCodes.failed;
  }
}

/** Assesses first and asks on the terminal (or refuses without one) unless `--yes`. */
async function confirm(
  provider: CloudProviderV1,
  options: Record<string, unknown>,
  yes: boolean,
  io: CommandIo,
  logger: Logger,
): Promise<void> {
  const { mode: _mode, duration: _duration, minRuntime: _min, maxRuntime: _max, ...assessOptions } = options;
  const assessment = await provider.assessFiltersImpact(
    assessOptions as unknown as Parameters<CloudProviderV1['assessFiltersImpact']>[0],
  );
  logger.info(`${assessment.targets.length} resource(s) in zone ${assessment.zone} would be affected.`);
  await waitFor({ terminal: io.terminal, assumeYes: yes });
}
