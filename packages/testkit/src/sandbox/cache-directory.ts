import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { isProcessAlive, sleep } from './processes';

const completeMarker = '.complete';

/**
 * The per-user cache for built binaries and virtualenvs, outside the clone so that it survives a fresh checkout:
 * `$CHAOSGARDEN_CACHE_DIR`, else `$XDG_CACHE_HOME/chaosgarden`, else `~/.cache/chaosgarden`.
 */
export function cacheRoot(): string {
  if (process.env.CHAOSGARDEN_CACHE_DIR) return process.env.CHAOSGARDEN_CACHE_DIR;
  const xdg = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'chaosgarden');
}

/** `<cache>/<component>-<version>-<digest>`: a version bump or an input change gives a new directory. */
export function componentCacheDir(component: string, version: string, inputs: readonly string[]): string {
  return join(cacheRoot(), `${component}-${version}-${digest(inputs)}`);
}

/** Short content digest of the given strings (file contents, flags, tool versions). */
export function digest(inputs: readonly string[]): string {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input).update('\0');
  return hash.digest('hex').slice(0, 10);
}

export function isCacheComplete(dir: string): boolean {
  return existsSync(join(dir, completeMarker));
}

/**
 * Fills `dir` once: runs `fill` unless the directory is already marked complete, under a lock directory so that
 * two launchers sharing the cache (two clones, the CLI and vitest) do not build into the same place. A directory
 * left incomplete by a crash is wiped before the next attempt. Resolves to true when it filled the directory.
 */
export async function fillCacheOnce(dir: string, fill: (dir: string) => Promise<void>): Promise<boolean> {
  if (isCacheComplete(dir)) return false;
  return withDirectoryLock(`${dir}.lock`, async () => {
    if (isCacheComplete(dir)) return false;
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await fill(dir);
    await writeFile(join(dir, completeMarker), `${new Date().toISOString()}\n`);
    return true;
  });
}

/**
 * Runs `action` while holding `lock` (a directory created atomically, holding the owner's pid). Waits for a
 * live owner; takes over the lock of a dead one.
 */
export async function withDirectoryLock<T>(lock: string, action: () => Promise<T>): Promise<T> {
  await acquireLock(lock);
  try {
    return await action();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

async function acquireLock(lock: string): Promise<void> {
  await mkdir(dirname(lock), { recursive: true });
  for (;;) {
    try {
      await mkdir(lock, { recursive: false });
      await writeFile(join(lock, 'pid'), String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number.parseInt(await readFile(join(lock, 'pid'), 'utf8').catch(() => ''), 10);
    if (Number.isInteger(owner) && owner !== process.pid && !isProcessAlive(owner)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    await sleep(500);
  }
}

/** Reads a text file that is part of a cache key; a missing file is an error that names it. */
export function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${path}, which the sandbox needs to build its tools`, { cause: error });
  }
}
