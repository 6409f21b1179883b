import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serialises tests across processes that share one sandbox and use fixed-name resources (the health
 * probe's namespace and CRDs: two people running the emulator tests would remove each other's probe).
 * The lock is a file named after `name` in the sandbox's state directory; one whose process is gone is
 * taken over. Resolves with the function that releases it.
 */
export async function acquireSandboxLock(
  stateDir: string,
  name: string,
  timeoutMs = 900_000,
): Promise<() => void> {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, `${name}.lock`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const descriptor = openSync(path, 'wx');
      writeSync(descriptor, String(process.pid));
      closeSync(descriptor);
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (!isAlive(Number(readText(path)))) {
      rmSync(path, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`Another process holds ${path} (pid ${readText(path)})`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
