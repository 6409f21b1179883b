import { writeFile } from 'node:fs/promises';
import { ChaosgardenError } from '@chaosgarden/core';
import { parseVariable, readVariableFile } from '../experiment/parse-variables';
import { emptyVariables } from '../experiment/resolve-settings';
import { loadExperiment } from '../experiment/validate-experiment';
import { createProgressReporter } from '../progress/progress-reporter';
import type { RollbackStrategy } from '../runner/rollback-strategy';
import { runExperiment } from '../runner/run-experiment';
import { type CommandIo, commandLogger, type LoggingOptions, withSignalListeners } from './command-io';
import { exitCodes, signalExitCode } from './exit-codes';

/** Options of `chaosgarden run`. */
export interface RunCommandOptions extends LoggingOptions {
  /** Where the journal goes. Default `journal.json` in the working directory. */
  journalPath?: string;
  /** Default `default`. */
  rollbackStrategy?: RollbackStrategy;
  /** `name=value` or `name:type=value` assignments. Default none. */
  var?: string[];
  /** JSON/YAML files with `configuration` and `secrets`. Default none. */
  varFile?: string[];
  /** Resolve and assess only. Default `false`. */
  dryRun?: boolean;
  /** Answer confirmation steps with yes. Default `false`. */
  yes?: boolean;
}

/** `chaosgarden run FILE`: returns the exit code (see `exitCodes`). */
export async function runCommand(file: string, options: RunCommandOptions, io: CommandIo): Promise<number> {
  const logger = commandLogger(options, io);
  try {
    const experiment = await loadExperiment(file);
    let variables = emptyVariables();
    for (const path of options.varFile ?? []) variables = await readVariableFile(path, variables);
    for (const assignment of options.var ?? []) variables = parseVariable(assignment, variables);
    const journalPath = options.journalPath ?? 'journal.json';
    logger.info(`Running experiment: ${experiment.spec.title}`);
    const journal = await withSignalListeners(logger, (signal, received) =>
      runExperiment({
        experiment,
        variables,
        rollbackStrategy: options.rollbackStrategy ?? 'default',
        dryRun: options.dryRun ?? false,
        assumeYes: options.yes ?? false,
        logger,
        signal,
        signalName: received,
        ...(io.terminal === undefined ? {} : { terminal: io.terminal }),
        env: io.env,
        progress: createProgressReporter({
          logger,
          status: options.logFormat === 'json' ? undefined : io.status,
        }),
      }),
    );
    await writeFile(journalPath, `${JSON.stringify(journal, null, 2)}\n`);
    logger.info(
      `Experiment ended with status: ${journal.status}${journal.deviated ? ' (deviated)' : ''}. Journal: ${journalPath}`,
    );
    if (journal.chaosgarden.signal !== undefined)
      return signalExitCode(journal.chaosgarden.signal as NodeJS.Signals);
    return journal.status === 'completed' ? exitCodes.ok : exitCodes.failed;
  } catch (error) {
    if (!ChaosgardenError.isInstance(error)) throw error;
    logger.error(error.message, { code: error.code });
    return exitCodes.invalid;
  }
}
