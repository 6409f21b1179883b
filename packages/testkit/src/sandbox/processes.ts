import { spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Every process the sandbox starts carries this variable, set to the state directory, so that `down` and
 * `status` can prove that none of ours is left behind (see {@link findOwnedProcesses}).
 */
export const ownerVariable = 'CHAOSGARDEN_SANDBOX_OWNER';

/** What `processes/<name>.json` records about a started service. */
export interface ProcessRecord {
  readonly name: string;
  /** Also the process group id: each service is spawned detached, as the leader of its own group. */
  readonly pid: number;
  /** Start time in clock ticks since boot (`/proc/<pid>/stat` field 22), to tell a reused pid from ours. */
  readonly startTicks: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly startedAt: string;
}

export interface SpawnOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly logFile: string;
  readonly processesDir: string;
  readonly ownerMarker: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks the kernel for a free loopback port (listen on 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

/** `count` distinct free ports. */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

/** Starts a service in its own process group, output appended to its log file, and records its pid. */
export async function spawnDetached(options: SpawnOptions): Promise<ProcessRecord> {
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, ...options.env, [ownerVariable]: options.ownerMarker },
    });
    const pid = await new Promise<number>((resolve, reject) => {
      child.once('error', (error) => reject(new Error(`Cannot start ${options.name}: ${error.message}`)));
      child.once('spawn', () => resolve(child.pid as number));
    });
    child.unref();
    const record: ProcessRecord = {
      name: options.name,
      pid,
      startTicks: processStartTicks(pid) ?? 0,
      command: options.command,
      args: options.args,
      logFile: options.logFile,
      startedAt: new Date().toISOString(),
    };
    await mkdir(options.processesDir, { recursive: true });
    await writeFile(
      join(options.processesDir, `${options.name}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    return record;
  } finally {
    closeSync(log);
  }
}

export async function readProcessRecords(processesDir: string): Promise<ProcessRecord[]> {
  const names = await readdir(processesDir).catch(() => [] as string[]);
  const records: ProcessRecord[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json'))) {
    records.push(JSON.parse(await readFile(join(processesDir, name), 'utf8')) as ProcessRecord);
  }
  return records;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return processState(pid) !== 'Z';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when the recorded process still runs and is the one we started (not a reused pid). */
export function isRecordAlive(record: ProcessRecord): boolean {
  return isProcessAlive(record.pid) && processStartTicks(record.pid) === record.startTicks;
}

/**
 * Stops a recorded service and everything in its process group: SIGTERM, then SIGKILL after `graceMs`, and
 * waits until no member is left. A group whose leader pid now belongs to another process is not ours any more.
 */
export async function stopProcessGroup(record: ProcessRecord, graceMs = 10_000): Promise<void> {
  const leaderTicks = processStartTicks(record.pid);
  if (leaderTicks !== undefined && leaderTicks !== record.startTicks) return;
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    if (groupMembers(record.pid).length === 0) return;
    try {
      process.kill(-record.pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ESRCH') return;
      throw error;
    }
    const deadline = Date.now() + (signal === 'SIGTERM' ? graceMs : 5_000);
    while (Date.now() < deadline) {
      if (groupMembers(record.pid).length === 0) return;
      await sleep(100);
    }
  }
  const left = groupMembers(record.pid);
  if (left.length > 0) throw new Error(`${record.name}: processes ${left.join(', ')} survived SIGKILL`);
}

export async function removeProcessRecord(processesDir: string, name: string): Promise<void> {
  await rm(join(processesDir, `${name}.json`), { force: true });
}

/** Live (non-zombie) processes whose process group is `pgid`; Linux `/proc` only. */
export function groupMembers(pgid: number): number[] {
  return listProcStats()
    .filter((stat) => stat.pgrp === pgid && stat.state !== 'Z')
    .map((stat) => stat.pid);
}

/** Live processes whose environment carries `CHAOSGARDEN_SANDBOX_OWNER=<marker>`. */
export function findOwnedProcesses(marker: string): number[] {
  const needle = `${ownerVariable}=${marker}\0`;
  return listProcStats()
    .filter((stat) => stat.state !== 'Z' && stat.pid !== process.pid)
    .filter((stat) => {
      try {
        return `${readFileSync(`/proc/${stat.pid}/environ`, 'latin1')}\0`.includes(needle);
      } catch {
        return false;
      }
    })
    .map((stat) => stat.pid);
}

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly pgrp: number;
  readonly startTicks: number;
}

function parseStat(pid: number): ProcStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined;
  }
  // The command name (field 2) may contain spaces and parentheses: split after its closing parenthesis.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return {
    pid,
    state: fields[0] ?? '?',
    pgrp: Number(fields[2]),
    startTicks: Number(fields[19]),
  };
}

function listProcStats(): ProcStat[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map((entry) => parseStat(Number(entry)))
    .filter((stat): stat is ProcStat => stat !== undefined);
}

export function processStartTicks(pid: number): number | undefined {
  return parseStat(pid)?.startTicks;
}

function processState(pid: number): string | undefined {
  return parseStat(pid)?.state;
}

/** The last `lines` lines of a log file, for error messages. */
export function logTail(logFile: string, lines = 15): string {
  try {
    return readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export interface WaitOptions {
  readonly what: string;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Fail at once, with its log, when this process ends while we wait. */
  readonly process?: ProcessRecord;
}

/**
 * Polls `check` until it returns a value other than `undefined`. Errors thrown by `check` count as "not yet";
 * the last one is attached as the cause when the wait times out.
 */
export async function waitFor<T>(check: () => Promise<T | undefined>, options: WaitOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    const record = options.process;
    if (record && !isRecordAlive(record)) {
      throw new Error(
        `${record.name} exited while waiting for ${options.what}; log ${record.logFile}:\n${logTail(record.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      const log = record ? `; log ${record.logFile}:\n${logTail(record.logFile)}` : '';
      throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.what}${log}`, {
        cause: lastError,
      });
    }
    await sleep(options.intervalMs ?? 250);
  }
}
