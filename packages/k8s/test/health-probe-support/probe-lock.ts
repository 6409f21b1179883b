import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The probe's resources have fixed names, so two test processes probing the same sandbox at once (two
 * people running the emulator tests) would remove each other's probe. This lock file in the sandbox's
 * state directory serialises the health-probe test files across processes; a lock whose process is
 * gone is taken over.
 */
export async function acquireProbeLock(stateDir: string, timeoutMs = 900_000): Promise<() => void> {
  mkdirSync(stateDir, { recursive: true });
  const path = join(stateDir, 'health-probe-tests.lock');
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
