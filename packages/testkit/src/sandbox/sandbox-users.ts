import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SandboxConnection } from './connection';
import { isProcessAlive, processStartTicks } from './processes';
import {
  downWhileLocked,
  type SandboxOptions,
  testRunOwnedMarker,
  upWhileLocked,
  withSandboxLock,
} from './sandbox';
import type { Log } from './sandbox-start';
import { type SandboxPaths, sandboxPaths } from './state-directory';

export interface SandboxUse {
  readonly connection: SandboxConnection;
  /** True when this run started the sandbox (rather than reusing one that was up). */
  readonly started: boolean;
  /** Unregisters the run; stops the sandbox if a test run started it and no other run still uses it. */
  readonly release: () => Promise<{ stopped: boolean }>;
}

/**
 * Test runs (vitest processes) share one sandbox. Each registers in `.sandbox/users/<pid>` while it runs; the
 * last one to leave stops the sandbox if a test run started it, so that one run's teardown never pulls the
 * sandbox from under another, and a sandbox brought up by hand (`sandbox up`) is left running.
 */
export async function useSandboxForTestRun(
  options: SandboxOptions & { user?: number } = {},
): Promise<SandboxUse> {
  const paths = options.paths ?? sandboxPaths();
  const log: Log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  const user = options.user ?? process.pid;
  return withSandboxLock(paths, async () => {
    const { connection, reused } = await upWhileLocked(paths, log);
    if (!reused) await writeFile(testRunOwnedMarker(paths), `${user}\n`);
    await mkdir(paths.usersDir, { recursive: true });
    await writeFile(join(paths.usersDir, String(user)), `${processStartTicks(user) ?? 0}\n`);
    return { connection, started: !reused, release: () => releaseUse(paths, log, user) };
  });
}

async function releaseUse(paths: SandboxPaths, log: Log, user: number): Promise<{ stopped: boolean }> {
  return withSandboxLock(paths, async () => {
    await rm(join(paths.usersDir, String(user)), { force: true });
    const others = await liveUsers(paths);
    if (others.length > 0 || !existsSync(testRunOwnedMarker(paths))) return { stopped: false };
    await downWhileLocked(paths, log);
    return { stopped: true };
  });
}

/** Registered runs that are still alive (same pid and start time); entries of dead runs are removed. */
async function liveUsers(paths: SandboxPaths): Promise<number[]> {
  const live: number[] = [];
  for (const entry of await readdir(paths.usersDir).catch(() => [] as string[])) {
    const pid = Number(entry);
    const ticks = Number((await readFile(join(paths.usersDir, entry), 'utf8').catch(() => '')).trim());
    if (isProcessAlive(pid) && processStartTicks(pid) === ticks) live.push(pid);
    else await rm(join(paths.usersDir, entry), { force: true });
  }
  return live;
}
