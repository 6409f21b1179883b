import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { LedgerCorruptError } from '../errors/ledger-corrupt-error';
import type { LedgerEntry } from './rollback-ledger';
import { assertRunId } from './run-id';
import { ledgerFilePath, resolveStateDirectory } from './state-directory';

export interface LedgerLocationOptions {
  /** The state directory holding `runs/`. Default: `resolveStateDirectory()` (`$CHAOSGARDEN_STATE_DIR`, …). */
  directory?: string;
}

/**
 * Reads one run's entries in the order they were written.
 * @throws InvalidArgumentError when there is no ledger for `runId` in the directory.
 */
export async function readLedger(runId: string, options: LedgerLocationOptions = {}): Promise<LedgerEntry[]> {
  assertRunId(runId);
  const directory = options.directory ?? resolveStateDirectory();
  const entries = await readLedgerFile(ledgerFilePath(directory, runId));
  if (entries === undefined) {
    throw new InvalidArgumentError({
      argument: 'runId',
      message: `There is no roll-back ledger for run ${runId} in ${directory}; listLedgerRuns() shows the runs there.`,
    });
  }
  return entries;
}

/** The ids of all runs with a ledger in the directory, oldest first (run ids sort by start time). */
export async function listLedgerRuns(options: LedgerLocationOptions = {}): Promise<string[]> {
  const directory = join(options.directory ?? resolveStateDirectory(), 'runs');
  let names: string[];
  try {
    names = await readdir(directory);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return [];
    }
    throw error;
  }
  return names
    .filter((name) => name.endsWith('.jsonl'))
    .map((name) => name.slice(0, -'.jsonl'.length))
    .sort();
}

/** The entries of a ledger file, or `undefined` if it does not exist. */
export async function readLedgerFile(path: string): Promise<LedgerEntry[] | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  return parseLedgerText(text, path);
}

/**
 * Parses JSON lines. A last line without its newline that does not parse is a write cut short by a
 * crash: its promise never resolved, so the change it announced was never started, and it is skipped.
 * Any other unreadable line means the file was damaged, which must not pass unnoticed.
 */
export function parseLedgerText(text: string, source: string): LedgerEntry[] {
  const lines = text.split('\n');
  const entries: LedgerEntry[] = [];
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') {
      continue;
    }
    try {
      entries.push(JSON.parse(line) as LedgerEntry);
    } catch (error) {
      if (index === lines.length - 1) {
        break;
      }
      throw new LedgerCorruptError({ source, line: index + 1, cause: error });
    }
  }
  return entries;
}
