#!/usr/bin/env node
import { createInterface } from 'node:readline';
import { builtInProviderPlugins } from '@chaosgarden/core';
import { Command, Option } from 'commander';
import type { CommandIo } from '../commands/command-io';
import { createTerminalStatus } from '../progress/terminal-status';
import type { Terminal } from '../providers/human-actions';

// The executable: the only module that writes to stdout and sets the exit code. Commands and the
// runner are imported on first use, so `chaosgarden --help` loads commander and core (for its table of
// provider plugins) and nothing else.

const io: CommandIo = {
  out: (text) => {
    process.stdout.write(text);
  },
  terminal: process.stdin.isTTY && process.stdout.isTTY ? stdinTerminal() : undefined,
  env: process.env,
  ...(process.stderr.isTTY ? { status: createTerminalStatus(process.stderr) } : {}),
};

function stdinTerminal(): Terminal {
  return {
    interactive: true,
    write: (text) => {
      process.stdout.write(text);
    },
    readLine: (signal) =>
      new Promise((resolve, reject) => {
        const lines = createInterface({ input: process.stdin });
        const stop = () => {
          lines.close();
          reject(new Error('aborted'));
        };
        signal.addEventListener('abort', stop, { once: true });
        lines.once('line', (line) => {
          signal.removeEventListener('abort', stop);
          lines.close();
          resolve(line);
        });
        lines.once('close', () => reject(new Error('end of input')));
      }),
  };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const logOptions = (command: Command) =>
  command
    .addOption(new Option('--log-format <format>', 'log lines on stderr').choices(['human', 'json']))
    .addOption(
      new Option('--log-level <level>', 'lowest level shown').choices(['debug', 'info', 'warn', 'error']),
    );

const program = new Command('chaosgarden')
  .description('Zone-outage and pod-disruption chaos experiments for Kubernetes clusters and their clouds.')
  .showHelpAfterError();

logOptions(
  program
    .command('run')
    .description('run an experiment file (Chaos Toolkit JSON or YAML) and write its journal')
    .argument('<file>', 'experiment file')
    .option('--journal-path <path>', 'where the journal goes', 'journal.json')
    .addOption(
      new Option('--rollback-strategy <strategy>', 'when rollbacks run')
        .choices(['default', 'always', 'never', 'deviated'])
        .default('default'),
    )
    .option(
      '--var <name=value>',
      'set a configuration value (name:type=value, type str|int|float|bool|json)',
      collect,
    )
    .option('--var-file <path>', 'JSON/YAML file with configuration and secrets values', collect)
    .option('--dry-run', 'resolve everything and run only assessments; change nothing')
    .option('--yes', 'answer confirmation steps (wait_for) with yes'),
).action(async (file: string, options) => {
  const { runCommand } = await import('../commands/run-command');
  process.exitCode = await runCommand(file, options, io);
});

logOptions(
  program
    .command('report')
    .description(
      'write a self-contained HTML report (timeline, simulations, health-probe phases) of a journal',
    )
    .argument('<journal>', 'journal.json written by chaosgarden run')
    .option('-o, --output <path>', 'where the HTML goes', 'report.html'),
).action(async (journal: string, options) => {
  const { reportCommand } = await import('../commands/report-command');
  process.exitCode = await reportCommand(journal, options, io);
});

const rollback = logOptions(
  program
    .command('rollback')
    .description(
      'find every left-over of earlier runs (roll-back ledgers and ownership marks), undo it and verify',
    )
    .option(
      '--provider <type>',
      `only this provider (${builtInProviderPlugins.map((row) => row.providerType).join(', ')}, k8s); needed with --filter-… and --config`,
    )
    .option('--zone <name>', 'only left-overs in this zone')
    .option('--run <id>', "only this run's left-overs (its ledger id)")
    .option('--config <name=value>', 'configuration value (repeatable), e.g. awsRegion=eu-west-1', collect)
    .option('--kubeconfig <path>', "also remove the cluster health probe's resources from this cluster")
    .option('--state-dir <path>', 'where the roll-back ledgers are (default: $CHAOSGARDEN_STATE_DIR)')
    .option('--dry-run', 'list what would be undone; change nothing')
    .option(
      '--rollback-timeout <seconds>',
      'give up retrying after this long (default 600; < 0: never); so does a third Ctrl-C',
    )
    // The --filter-<key> flags are the plugin's: added below once --provider names it, refused otherwise.
    .allowUnknownOption()
    .allowExcessArguments()
    .addHelpText(
      'after',
      "\nWith --provider <type>, the plugin's filters: --filter-<key> <json> (listed above when --provider is given).",
    ),
).action(async (options, command: Command) => {
  const { rollbackCommand } = await import('../commands/rollback/rollback-command');
  process.exitCode = await rollbackCommand({ ...options, extraArguments: command.args }, io);
});

// Before `rollback` parses its flags: the filter flags of the plugin --provider names, from its capabilities.
program.hook('preSubcommand', async (_program, subcommand) => {
  if (subcommand !== rollback) return;
  const provider = providerArgument(process.argv.slice(process.argv.indexOf('rollback') + 1));
  if (provider === undefined || provider === 'k8s') return;
  const { rollbackFilterOptions } = await import('../commands/rollback/rollback-filter-options');
  for (const option of await rollbackFilterOptions(provider)) rollback.addOption(option);
});

function providerArgument(args: readonly string[]): string | undefined {
  for (const [index, arg] of args.entries()) {
    if (arg === '--provider') return args[index + 1];
    if (arg.startsWith('--provider=')) return arg.slice('--provider='.length);
  }
  return undefined;
}

// Direct commands: generated from each cloud plugin's descriptor when invoked (see commands/direct); one per
// row of core's table of built-in provider plugins, so a new plugin adds no line here.
for (const { providerType: provider, packageName } of builtInProviderPlugins) {
  program
    .command(provider)
    .description(`${provider} actions (assess, compute, network, rollback) of ${packageName}`)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async () => {
      const { cloudCommand } = await import('../commands/direct/cloud-command');
      const args = process.argv.slice(process.argv.indexOf(provider) + 1);
      process.exitCode = await cloudCommand(packageName, args.length === 0 ? ['--help'] : args, io);
    });
}

// Direct commands of the plugins whose actions are exported functions (see commands/direct/plugin-actions).
for (const [plugin, description] of [
  ['k8s', 'pod failure simulation (pods) of @chaosgarden/k8s'],
  ['garden', "a shoot's cloud actions (assess, compute, network, rollback) of @chaosgarden/garden"],
] as const) {
  program
    .command(plugin)
    .description(description)
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .action(async () => {
      const { pluginCommand } = await import('../commands/direct/cloud-command');
      const args = process.argv.slice(process.argv.indexOf(plugin) + 1);
      process.exitCode = await pluginCommand(plugin, args.length === 0 ? ['--help'] : args, io);
    });
}

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`chaosgarden: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
