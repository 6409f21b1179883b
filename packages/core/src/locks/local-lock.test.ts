import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SimulationLockedError } from '../errors/simulation-locked-error';
import { hostIdentity } from './host-identity';
import { acquireLocalLock } from './local-lock';

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'chaosgarden-lock-'));
});

afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

const options = (key: string[]) => ({
  key,
  description: 'network failure simulation of zone z1',
  runId: 'run-1',
  directory,
});

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid as number;
}

async function lockFile(): Promise<string> {
  const [name] = await readdir(join(directory, 'locks'));
  return join(directory, 'locks', name as string);
}

describe('acquireLocalLock', () => {
  it('refuses a second holder of the same key, naming the first, until it is released', async () => {
    const lock = await acquireLocalLock(options(['network', 'aws', 'z1', 'h']));

    const second = acquireLocalLock({ ...options(['network', 'aws', 'z1', 'h']), runId: 'run-2' });
    await expect(second).rejects.toSatisfy((error: unknown) => SimulationLockedError.isInstance(error));
    await expect(second).rejects.toThrow(`run run-1 (pid ${process.pid} on host ${hostIdentity()}`);

    await lock.release();
    const again = await acquireLocalLock(options(['network', 'aws', 'z1', 'h']));
    await again.release();
  });

  it('lets other keys (another zone, another kind) be held at the same time', async () => {
    const network = await acquireLocalLock(options(['network', 'aws', 'z1', 'h']));
    const compute = await acquireLocalLock(options(['compute', 'aws', 'z1', 'h']));
    const otherZone = await acquireLocalLock(options(['network', 'aws', 'z2', 'h']));
    await Promise.all([network.release(), compute.release(), otherZone.release()]);
    expect(await readdir(join(directory, 'locks'))).toEqual([]);
  });

  it('takes over at once a lock whose holder on this host is gone (SIGKILL)', async () => {
    const lock = await acquireLocalLock(options(['k']));
    const path = await lockFile();
    const stale = { ...JSON.parse(await readFile(path, 'utf8')), pid: deadPid(), runId: 'dead-run' };
    await writeFile(path, JSON.stringify(stale));

    const taken = await acquireLocalLock({ ...options(['k']), runId: 'run-3' });

    expect(JSON.parse(await readFile(path, 'utf8')).runId).toBe('run-3');
    await lock.release(); // the dead holder's release must not remove the new holder's lock
    expect(JSON.parse(await readFile(path, 'utf8')).runId).toBe('run-3');
    await taken.release();
  });

  it('counts a holder on another host as alive (a shared state directory)', async () => {
    await mkdir(join(directory, 'locks'), { recursive: true });
    await acquireLocalLock(options(['k']));
    const path = await lockFile();
    await writeFile(
      path,
      JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), hostname: 'elsewhere', pid: deadPid() }),
    );

    await expect(acquireLocalLock(options(['k']))).rejects.toThrow('on host elsewhere');
  });

  it('takes over a dead holder recorded by an older version under the raw host name', async () => {
    await acquireLocalLock(options(['k']));
    const path = await lockFile();
    const old = { ...JSON.parse(await readFile(path, 'utf8')), hostname: hostname(), pid: deadPid() };
    await writeFile(path, JSON.stringify(old));

    const taken = await acquireLocalLock({ ...options(['k']), runId: 'run-4' });

    expect(JSON.parse(await readFile(path, 'utf8')).runId).toBe('run-4');
    await taken.release();
  });

  it('counts a holder with another CHAOSGARDEN_HOST_ID as another machine, even with a dead pid', async () => {
    const previous = process.env.CHAOSGARDEN_HOST_ID;
    try {
      process.env.CHAOSGARDEN_HOST_ID = 'Machine.A';
      await acquireLocalLock(options(['k']));
      const path = await lockFile();
      expect(JSON.parse(await readFile(path, 'utf8')).hostname).toBe('machine-a');
      await writeFile(path, JSON.stringify({ ...JSON.parse(await readFile(path, 'utf8')), pid: deadPid() }));

      process.env.CHAOSGARDEN_HOST_ID = 'machine-b';
      await expect(acquireLocalLock(options(['k']))).rejects.toThrow('on host machine-a');
      process.env.CHAOSGARDEN_HOST_ID = 'machine-a';
      const taken = await acquireLocalLock({ ...options(['k']), runId: 'run-5' });
      await taken.release();
    } finally {
      if (previous === undefined) delete process.env.CHAOSGARDEN_HOST_ID;
      else process.env.CHAOSGARDEN_HOST_ID = previous;
    }
  });
});
