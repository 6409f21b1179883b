import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { SimulationLockedError } from '../errors/simulation-locked-error';
import { describeHolderRecord } from '../kit/holder/describe-holder-record';
import type { HolderRecord } from '../kit/holder/holder-record';
import { holderState } from '../kit/holder/holder-state';
import { resolveStateDirectory } from '../ledger/state-directory';
import { hostIdentity } from './host-identity';

export interface LocalLockOptions {
  /** What is locked, as stable parts: `['network', 'aws', 'us-east-1a', <filters hash>]`. */
  key: readonly string[];
  /** For the error a second holder sees: `network failure simulation of zone us-east-1a`. */
  description: string;
  /** The run that holds it (its ledger's id), named in the error. */
  runId?: string;
  /** State directory; the lock goes to `<directory>/locks/`. Default `resolveStateDirectory()`. */
  directory?: string;
}

/**
 * Who holds a lock, as written into its file (the file's encoding of core's `HolderRecord`, without a
 * lease: a lock on this machine is checked by its pid).
 */
export interface LockHolder {
  pid: number;
  /** The holder's host identity (`hostIdentity()`; older versions wrote the raw host name). */
  hostname: string;
  runId?: string;
  description: string;
  startedAt: string;
}

export interface LocalLock {
  readonly path: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still this holder's. Safe to call twice. */
  release(): Promise<void>;
}

/** A lock file being written right now is empty for a moment; older than this it is a crash's remains. */
const emptyFileGraceMs = 10_000;

/**
 * Takes a lock on this machine for one kind of simulation on one zone and filters: an exclusively
 * created file under the state directory naming its holder. A holder on this host whose process is
 * gone (SIGKILL, power loss) is stale and is taken over at once, which a time-based lock such as
 * proper-lockfile's cannot tell before its staleness timeout.
 *
 * @throws SimulationLockedError naming the live holder.
 */
export async function acquireLocalLock(options: LocalLockOptions): Promise<LocalLock> {
  const directory = join(options.directory ?? resolveStateDirectory(), 'locks');
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, `${lockFileName(options.key)}.lock`);
  const holder: LockHolder = {
    pid: process.pid,
    hostname: hostIdentity(),
    ...(options.runId === undefined ? {} : { runId: options.runId }),
    description: options.description,
    startedAt: new Date().toISOString(),
  };
  const content = `${JSON.stringify(holder)}\n`;
  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusively(path, content)) {
      return { path, holder, release: () => releaseIfOurs(path, content) };
    }
    const existing = await readHolder(path);
    if (existing === 'gone') {
      continue;
    }
    if (existing === 'stale' || !isAlive(existing)) {
      await removeIfUnchanged(path, existing);
      continue;
    }
    throw new SimulationLockedError({
      lock: options.description,
      holder: describeHolder(existing),
      seen: `on this machine (${path})`,
    });
  }
  throw new SimulationLockedError({
    lock: options.description,
    holder: 'another process that keeps taking it',
    seen: `on this machine (${path})`,
  });
}

/** `run <id> (pid 42 on host a, since …)`: what an error shows of a holder. */
export function describeHolder(holder: LockHolder): string {
  const described = describeHolderRecord(holderRecordOf(holder), { since: holder.startedAt, lease: 'omit' });
  return holder.runId === undefined ? `a run${described.slice('run '.length)}` : described;
}

/** The lock file's holder as core's holder record (no lease). */
function holderRecordOf(holder: LockHolder): HolderRecord {
  return { run: holder.runId ?? '', host: holder.hostname, pid: holder.pid, until: null };
}

/** Readable, and short enough for any file system: the parts, then a hash of them all. */
function lockFileName(key: readonly string[]): string {
  const readable = key
    .join('-')
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .slice(0, 80);
  const digest = createHash('sha256').update(JSON.stringify(key)).digest('hex').slice(0, 16);
  return `${readable}-${digest}`;
}

async function createExclusively(path: string, content: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      return false;
    }
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
    await handle.datasync();
  } finally {
    await handle.close();
  }
  return true;
}

async function readHolder(path: string): Promise<LockHolder | 'stale' | 'gone'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return 'gone';
    }
    throw error;
  }
  try {
    return JSON.parse(text) as LockHolder;
  } catch {
    // Empty or cut short: a holder that died between creating and writing the file, or one writing now.
    const age = Date.now() - (await stat(path).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    return age > emptyFileGraceMs
      ? 'stale'
      : ({ pid: -1, hostname: '', description: '', startedAt: '' } as LockHolder);
  }
}

/** Only a holder on this host can be checked; one elsewhere (a shared state directory) counts as alive. */
function isAlive(holder: LockHolder): boolean {
  return holder.pid === -1 || holderState(holderRecordOf(holder)) !== 'dead';
}

/** Re-reads before removing, so a lock another process took over meanwhile is not removed by mistake. */
async function removeIfUnchanged(path: string, seen: LockHolder | 'stale'): Promise<void> {
  const now = await readHolder(path);
  if (now === 'gone' || JSON.stringify(now) !== JSON.stringify(seen)) {
    return;
  }
  await unlink(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error;
  });
}

async function releaseIfOurs(path: string, content: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => undefined);
  if (text === content) {
    await unlink(path).catch(() => undefined);
  }
}
