import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findOwnedProcesses,
  groupMembers,
  isRecordAlive,
  readProcessRecords,
  spawnDetached,
  stopProcessGroup,
  waitFor,
} from './processes';

const dir = await mkdtemp(join(tmpdir(), 'chaosgarden-processes-'));

afterAll(async () => {
  for (const pid of findOwnedProcesses(dir)) process.kill(pid, 'SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

describe('detached service processes', () => {
  it('records a service and stops its whole process group, children included', async () => {
    const record = await spawnDetached({
      name: 'family',
      command: 'sh',
      args: ['-c', 'sleep 300 & sleep 300 & echo started; wait'],
      logFile: join(dir, 'family.log'),
      processesDir: join(dir, 'processes'),
      ownerMarker: dir,
    });
    await waitFor(async () => (groupMembers(record.pid).length === 3 ? true : undefined), {
      what: 'the shell and its two children',
      timeoutMs: 5_000,
    });
    expect(await readProcessRecords(join(dir, 'processes'))).toEqual([record]);
    expect(isRecordAlive(record)).toBe(true);
    expect(findOwnedProcesses(dir).sort()).toEqual(groupMembers(record.pid).sort());
    expect(await readFile(join(dir, 'family.log'), 'utf8')).toContain('started');

    await stopProcessGroup(record);
    expect(groupMembers(record.pid)).toEqual([]);
    expect(findOwnedProcesses(dir)).toEqual([]);
    expect(isRecordAlive(record)).toBe(false);
  });

  it('never signals a pid that now belongs to another process', async () => {
    const record = await spawnDetached({
      name: 'impostor',
      command: 'sleep',
      args: ['300'],
      logFile: join(dir, 'impostor.log'),
      processesDir: join(dir, 'processes'),
      ownerMarker: dir,
    });
    // Same pid, other start time: as if the service had died and the pid been reused.
    await stopProcessGroup({ ...record, startTicks: record.startTicks - 1 });
    expect(isRecordAlive(record)).toBe(true);
    await stopProcessGroup(record);
    expect(isRecordAlive(record)).toBe(false);
  });

  it('fails a readiness wait at once, with the log, when the service exits', async () => {
    const record = await spawnDetached({
      name: 'crasher',
      command: 'sh',
      args: ['-c', 'echo "bind: address already in use"; exit 1'],
      logFile: join(dir, 'crasher.log'),
      processesDir: join(dir, 'processes'),
      ownerMarker: dir,
    });
    const started = Date.now();
    await expect(
      waitFor(async () => undefined, { what: 'crasher to answer', timeoutMs: 30_000, process: record }),
    ).rejects.toThrow(
      /crasher exited while waiting for crasher to answer; log .*crasher\.log:\nbind: address/,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
