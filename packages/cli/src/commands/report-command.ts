import { readFile, writeFile } from 'node:fs/promises';
import type { Journal } from '../journal/journal-types';
import { renderReport } from '../report/render-report';
import { type CommandIo, commandLogger, type LoggingOptions } from './command-io';
import { exitCodes } from './exit-codes';

/** Options of `chaosgarden report`. */
export interface ReportCommandOptions extends LoggingOptions {
  /** Where the HTML goes. Default `report.html` in the working directory. */
  output?: string;
}

/** `chaosgarden report JOURNAL`: writes a self-contained HTML report; prints its path. */
export async function reportCommand(
  journalPath: string,
  options: ReportCommandOptions,
  io: CommandIo,
): Promise<number> {
  const logger = commandLogger(options, io);
  let journal: Journal;
  try {
    journal = JSON.parse(await readFile(journalPath, 'utf8')) as Journal;
  } catch (error) {
    logger.error(`Cannot read the journal ${journalPath}: ${(error as Error).message}`);
    return exitCodes.invalid;
  }
  if (typeof journal.start !== 'string' || !Array.isArray(journal.run)) {
    logger.error(`${journalPath} is not a chaosgarden journal (no start or run).`);
    return exitCodes.invalid;
  }
  const output = options.output ?? 'report.html';
  await writeFile(output, renderReport(journal));
  io.out(`${output}\n`);
  return exitCodes.ok;
}
