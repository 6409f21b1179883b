import {
  ChaosgardenError,
  type DeclaredAction,
  type Logger,
  PluginNotInstalledError,
  RollbackIncompleteError,
} from '@chaosgarden/core';
import { Command, CommanderError, Option } from 'commander';
import { waitFor } from '../../providers/human-actions';
import { type CommandIo, commandLogger, withSignalListeners } from '../command-io';
import { exitCodes, signalExitCode } from '../exit-codes';
import type { DirectAction } from './cloud-actions';
import { actionOptions, optionAttribute } from './direct-options';

/** The functions a direct command calls: a loaded `CloudProviderV1`, or a plugin's exports. */
export type DirectTarget = Record<string, unknown>;

export interface DirectCommandSpec {
  /** `chaosgarden aws`, `chaosgarden k8s`, ... */
  name: string;
  description: string;
  actions: readonly DirectAction[];
  /** Loads the target when an action runs (after its flags were checked). */
  load: () => Promise<DirectTarget>;
}

/**
 * Generates one sub-command per action (flags from its options), runs the chosen one and prints its
 * result as JSON on stdout. Returns the exit code: 2 for bad flags or options, nothing run.
 */
export async function directCommand(
  spec: DirectCommandSpec,
  args: readonly string[],
  io: CommandIo,
): Promise<number> {
  let exitCode: number = exitCodes.ok;
  const program = new Command(spec.name)
    .description(spec.description)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.out });
  for (const action of spec.actions) {
    const command = program.command(action.command).description(action.description);
    for (const option of action.options) {
      const flag = new Option(option.flags, option.description);
      if (option.choices !== undefined) flag.choices(option.choices);
      if (option.defaultValue !== undefined) flag.default(option.defaultValue);
      const alternatives = action.options.filter((other) => other !== option && other.key === option.key);
      if (alternatives.length > 0) flag.conflicts(alternatives.map(optionAttribute));
      // Required alternatives (`--zone` or `--zone-index`) are checked by actionOptions.
      command.addOption(
        option.required === true && alternatives.length === 0 ? flag.makeOptionMandatory() : flag,
      );
    }
    command
      .option('--yes', 'do not ask for confirmation before changing anything')
      .addOption(new Option('--log-format <format>', 'log lines on stderr').choices(['human', 'json']))
      .action(async (values: Record<string, unknown>) => {
        exitCode = await runAction(spec, action, values, io);
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
  spec: DirectCommandSpec,
  action: DirectAction,
  values: Record<string, unknown>,
  io: CommandIo,
): Promise<number> {
  const logger = commandLogger(values as { logFormat?: 'human' | 'json' }, io);
  let received: () => NodeJS.Signals | undefined = () => undefined;
  try {
    const options = actionOptions(action, values, logger);
    const target = await spec.load();
    if (action.changesCloud) await confirm(target, action, options, values.yes === true, io, logger);
    const result = await withSignalListeners(logger, (signal, receivedSignal) => {
      received = receivedSignal;
      return call(target, action.method)({ ...options, signal });
    });
    io.out(`${JSON.stringify(result, null, 2)}\n`);
    const signal = received();
    return signal === undefined ? exitCodes.ok : signalExitCode(signal);
  } catch (error) {
    const signal = received();
    if (!ChaosgardenError.isInstance(error)) {
      // A stop the signal caused (an AbortError from a wait) ends as the signal would.
      if (signal !== undefined && error instanceof Error && error.name === 'AbortError') {
        return signalExitCode(signal);
      }
      throw error;
    }
    logger.error(error.message, { code: error.code });
    // Something left behind outweighs the signal: 1 tells the operator to act.
    if (signal !== undefined && !RollbackIncompleteError.isInstance(error)) return signalExitCode(signal);
    return error.code === 'invalid-argument' ||
      error.code === 'unknown-option' ||
      error.code === 'confirmation-refused' ||
      PluginNotInstalledError.isInstance(error)
      ? exitCodes.invalid
      : exitCodes.failed;
  }
}

function call(target: DirectTarget, method: string): (options: object) => Promise<unknown> {
  const candidate = target[method];
  if (typeof candidate !== 'function') throw new Error(`The plugin has no function ${method}.`);
  return (options) => Promise.resolve(candidate.call(target, options));
}

/**
 * The simulation's options that its assessment takes: by the assessment's declaration (the function
 * `defineAction` made), else without the simulation's own mode, duration and runtimes.
 */
function assessOptions(assess: unknown, options: Record<string, unknown>): Record<string, unknown> {
  const declaration = (assess as Partial<DeclaredAction> | undefined)?.declaration;
  if (declaration === undefined) {
    const { mode: _mode, duration: _duration, minRuntime: _min, maxRuntime: _max, ...rest } = options;
    return rest;
  }
  const names = new Set(declaration.options.map((option) => option.name));
  return Object.fromEntries(Object.entries(options).filter(([name]) => names.has(name)));
}

/** Assesses first (when the action names an assessment) and asks on the terminal, unless `--yes`. */
async function confirm(
  target: DirectTarget,
  action: DirectAction,
  options: Record<string, unknown>,
  yes: boolean,
  io: CommandIo,
  logger: Logger,
): Promise<void> {
  if (action.assess === undefined) {
    logger.info(action.warning ?? `${action.command} changes things.`);
  } else {
    const assessment = (await call(target, action.assess)(assessOptions(target[action.assess], options))) as {
      targets: unknown[];
      zone: string;
    };
    logger.info(`${assessment.targets.length} resource(s) in zone ${assessment.zone} would be affected.`);
  }
  await waitFor({ terminal: io.terminal, assumeYes: yes });
}
