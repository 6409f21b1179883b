import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOwnedProcesses } from '../src/sandbox/processes';
import { sandboxDown, sandboxStatus, sandboxUp } from '../src/sandbox/sandbox';
import { useSandboxForTestRun } from '../src/sandbox/sandbox-users';
import { sandboxPaths } from '../src/sandbox/state-directory';

// A second sandbox, independent of the one the other emulator tests use: its own state directory and ports,
// the same cached builds.
const stateDir = await mkdtemp(join(tmpdir(), 'chaosgarden-sandbox-lifecycle-'));
const paths = sandboxPaths({ stateDir });
const quiet = () => undefined;

afterAll(async () => {
  await sandboxDown({ paths, log: quiet });
  await rm(stateDir, { recursive: true, force: true });
});

/** Local addresses of the listening TCP sockets held by `pids` (from /proc/net/tcp{,6} and the fd links). */
async function listeningAddresses(pids: readonly number[]): Promise<string[]> {
  const inodes = new Set<string>();
  for (const pid of pids) {
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const match = /^socket:\[(\d+)\]$/.exec(target);
      if (match?.[1]) inodes.add(match[1]);
    }
  }
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = (await readFile(table, 'utf8')).trim().split('\n').slice(1);
    for (const row of rows) {
      const [, local = '', , state, , , , , , inode = ''] = row.trim().split(/\s+/);
      if (state === '0A' && inodes.has(inode)) addresses.push(local.split(':')[0] ?? '');
    }
  }
  return addresses;
}

describe('sandbox up and down', () => {
  it('fails with the reason when a piece cannot be installed, and leaves no process behind', async () => {
    const python = process.env.CHAOSGARDEN_PYTHON;
    process.env.CHAOSGARDEN_PYTHON = join(stateDir, 'no-such-python');
    try {
      await expect(sandboxUp({ paths, log: quiet })).rejects.toThrow(
        /needs Python >= 3\.10 as .*no-such-python/,
      );
    } finally {
      if (python === undefined) delete process.env.CHAOSGARDEN_PYTHON;
      else process.env.CHAOSGARDEN_PYTHON = python;
    }
    expect(findOwnedProcesses(stateDir)).toEqual([]);
    expect((await sandboxStatus({ paths })).up).toBe(false);
  });

  it('starts every service on loopback only, is reused (also by test runs), and down stops every process it started', async () => {
    const { connection, reused } = await sandboxUp({ paths, log: quiet });
    expect(reused).toBe(false);
    const status = await sandboxStatus({ paths });
    expect(status.components.filter((component) => !component.healthy)).toEqual([]);
    const pids = findOwnedProcesses(stateDir);
    expect(pids.length).toBeGreaterThanOrEqual(6);
    const addresses = await listeningAddresses(pids);
    expect(addresses.length).toBeGreaterThanOrEqual(6);
    // 0100007F is 127.0.0.1 in /proc/net/tcp's little-endian hex; IPv6 loopback is ::1.
    expect(new Set(addresses)).toEqual(new Set(['0100007F']));

    const again = await sandboxUp({ paths, log: quiet });
    expect(again.reused).toBe(true);
    expect(again.connection.kubeApiServerUrl).toBe(connection.kubeApiServerUrl);
    // A test run that reuses a sandbox brought up by hand leaves it running.
    const testRun = await useSandboxForTestRun({ paths, log: quiet });
    expect(testRun.started).toBe(false);
    expect(await testRun.release()).toEqual({ stopped: false });
    expect((await sandboxStatus({ paths })).up).toBe(true);

    const { stopped } = await sandboxDown({ paths, log: quiet });
    expect(stopped.sort()).toEqual(
      ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'moto'].sort(),
    );
    expect(findOwnedProcesses(stateDir)).toEqual([]);
    for (const pid of pids) expect(() => process.kill(pid, 0)).toThrow();
    expect((await sandboxStatus({ paths })).up).toBe(false);
  });

  it('lets test runs share a sandbox: the run that started it stops it only when the last run is done', async () => {
    // A second "test run": any live process will do as the registered user.
    const otherRun = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      const first = await useSandboxForTestRun({ paths, log: quiet });
      expect(first.started).toBe(true);
      const second = await useSandboxForTestRun({ paths, log: quiet, user: otherRun.pid });
      expect(second.started).toBe(false);
      expect(second.connection.kubeApiServerUrl).toBe(first.connection.kubeApiServerUrl);

      expect(await first.release()).toEqual({ stopped: false });
      expect((await sandboxStatus({ paths })).up).toBe(true);
      expect(await second.release()).toEqual({ stopped: true });
      expect(findOwnedProcesses(stateDir)).toEqual([]);
    } finally {
      otherRun.kill();
    }
  });
});
