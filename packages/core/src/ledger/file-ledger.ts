import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { followUpEntry, intentEntry } from './ledger-entries';
import { readLedgerFile } from './read-ledger';
import type { LedgerEntry, LedgerEntryInput, RollbackLedger } from './rollback-ledger';
import { assertRunId, createRunId } from './run-id';
import { ledgerFilePath, resolveStateDirectory } from './state-directory';

export interface FileLedgerOptions {
  /**
   * Id of the run; names the file. Default: a new time-sortable id (`createRunId()`). Pass an
   * existing id to continue a run's ledger: numbering goes on after its last entry.
   */
  runId?: string;
  /**
   * State directory; the ledger goes to `<directory>/runs/<runId>.jsonl`. Default:
   * `resolveStateDirectory()`: env `CHAOSGARDEN_STATE_DIR`, else `$XDG_STATE_HOME/chaosgarden`,
   * else `~/.local/state/chaosgarden`.
   */
  directory?: string;
  /** Source of `recordedAt`. Default `() => new Date()`. */
  now?: () => Date;
}

export interface FileLedger extends RollbackLedger {
  /** The JSON-lines file this ledger appends to. */
  readonly path: string;
}

/**
 * A roll-back ledger in an append-only JSON-lines file, one per run. Every write is flushed to disk
 * (`fdatasync`) before its promise resolves, so an entry announcing a change survives a crash or
 * SIGKILL right after: a plugin that awaits `recordIntent` before the cloud call can never lose track
 * of a change. Appends are serialised; nothing touches the disk before the first one.
 */
export function createFileLedger(options: FileLedgerOptions = {}): FileLedger {
  const runId = options.runId ?? createRunId();
  assertRunId(runId);
  const path = ledgerFilePath(options.directory ?? resolveStateDirectory(), runId);
  const now = options.now ?? (() => new Date());
  let lastSequence: number | undefined;
  // Each append waits for the previous one, so lines and sequence numbers stay in order.
  let queue: Promise<unknown> = Promise.resolve();

  const enqueue = <T>(step: () => Promise<T>): Promise<T> => {
    const result = queue.then(step);
    queue = result.catch(() => undefined);
    return result;
  };

  const append = (build: (sequence: number) => LedgerEntry): Promise<LedgerEntry> =>
    enqueue(async () => {
      if (lastSequence === undefined) {
        lastSequence = await prepareFile(path);
      }
      // Numbered before the write: a failed write leaves a gap rather than a duplicate number.
      lastSequence++;
      const entry = build(lastSequence);
      await appendDurably(path, `${JSON.stringify(entry)}\n`);
      return entry;
    });

  return {
    runId,
    path,
    recordIntent: (input: LedgerEntryInput) =>
      append((sequence) => intentEntry(runId, sequence, now(), input)),
    markDone: async (intent, details) => {
      await append((sequence) => followUpEntry(runId, sequence, now(), 'done', intent, details?.resources));
    },
    markUndone: async (intent) => {
      await append((sequence) => followUpEntry(runId, sequence, now(), 'undone', intent));
    },
    entries: () => enqueue(async () => (await readLedgerFile(path)) ?? []),
  };
}

/** Creates the directory (private to the user) and returns the last sequence number already in the file. */
async function prepareFile(path: string): Promise<number> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const existing = (await readLedgerFile(path)) ?? [];
  return existing.reduce((highest, entry) => Math.max(highest, entry.sequence), 0);
}

async function appendDurably(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a', 0o600);
  try {
    await handle.appendFile(line, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await syncDirectory(dirname(path));
}

/**
 * A new file's directory entry is only durable once the directory itself is synced. Done after
 * every append because it is cheap next to the file sync and keeps the logic free of state.
 */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') {
    // Windows cannot open a directory for syncing; NTFS journals the entry itself.
    return;
  }
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
