import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withDirectoryLock } from './cache-directory';
import { readSandboxConnection, type SandboxConnection, sandboxEnvironment } from './connection';
import {
  findOwnedProcesses,
  groupMembers,
  isProcessAlive,
  isRecordAlive,
  type ProcessRecord,
  readProcessRecords,
  removeProcessRecord,
  sleep,
  stopProcessGroup,
} from './processes';
import {
  runsServices,
  type StandaloneService,
  standaloneBuildFingerprint,
  startStandaloneServices,
} from './sandbox-only';
import { currentBuildFingerprint, type Log, startSandboxServices } from './sandbox-start';
import { sandboxStandIns } from './stand-in-registry';
import { type SandboxPaths, sandboxPaths } from './state-directory';

export interface SandboxOptions {
  readonly paths?: SandboxPaths;
  /** Progress lines; default: standard error. */
  readonly log?: Log;
  /** Start only these services (`up --only moto`); default: the whole sandbox. A running one that has them is reused. */
  readonly only?: readonly StandaloneService[];
}

export interface ComponentStatus {
  readonly name: string;
  readonly pid?: number;
  readonly running: boolean;
  readonly healthy: boolean;
  readonly detail: string;
  readonly logFile?: string;
}

export interface SandboxStatus {
  /** Every service answers and runs the builds the current `tools/` and requirements files describe. */
  readonly up: boolean;
  /** False when `tools/*` or the requirements changed since the sandbox started. */
  readonly current: boolean;
  readonly components: readonly ComponentStatus[];
  readonly connection?: SandboxConnection;
  /** Processes carrying this sandbox's owner marker that no recorded service accounts for. */
  readonly strayProcesses: readonly number[];
}

const defaultLog: Log = (line) => process.stderr.write(`${line}\n`);

/** The process names of every stand-in's components by stop stage: clients of the apiserver first, etcd last. */
async function stopStages(): Promise<string[][]> {
  const components = (await sandboxStandIns()).flatMap((standIn) => standIn.components);
  const last = Math.max(0, ...components.map((component) => component.stopStage ?? 0));
  return Array.from({ length: last + 1 }, (_, stage) =>
    components.filter((component) => (component.stopStage ?? 0) === stage).map((component) => component.name),
  );
}

/** Runs `action` holding the state directory's lock, which serialises up, down and test-run bookkeeping. */
export async function withSandboxLock<T>(paths: SandboxPaths, action: () => Promise<T>): Promise<T> {
  await mkdir(paths.stateDir, { recursive: true });
  return withDirectoryLock(join(paths.stateDir, '.lock'), action);
}

/**
 * Starts the sandbox, or reuses it when every service already answers. Returns the connection details, also
 * written to `.sandbox/env.json` and `.sandbox/env.sh`. A sandbox brought up this way is kept running until
 * `down`, even if a test run started it.
 */
export async function sandboxUp(
  options: SandboxOptions = {},
): Promise<{ connection: SandboxConnection; reused: boolean }> {
  const paths = options.paths ?? sandboxPaths();
  return withSandboxLock(paths, async () => {
    const result = await upWhileLocked(paths, options.log ?? defaultLog, options.only);
    await rm(testRunOwnedMarker(paths), { force: true });
    return result;
  });
}

/** `up` for a caller that holds the lock; `only`: see `SandboxOptions`. */
export async function upWhileLocked(
  paths: SandboxPaths,
  log: Log,
  only?: readonly StandaloneService[],
): Promise<{ connection: SandboxConnection; reused: boolean }> {
  const current = await sandboxStatus({ paths });
  if (current.up && current.connection && runsServices(current.connection, only)) {
    return { connection: current.connection, reused: true };
  }
  if (current.components.some((component) => component.running) || current.strayProcesses.length > 0) {
    log(
      current.connection && !current.current
        ? 'Stopping the running sandbox: tools/ or the Python requirements changed since it started'
        : 'Stopping the remains of a previous sandbox',
    );
    await stopEverything(paths, log);
  }
  await resetStateDir(paths);
  log(`Starting the sandbox in ${paths.stateDir}`);
  try {
    const connection =
      only === undefined
        ? await startSandboxServices(paths, log)
        : await startStandaloneServices(paths, log, only);
    await writeConnectionFiles(paths, connection);
    return { connection, reused: false };
  } catch (error) {
    await stopEverything(paths, log).catch((stopError: unknown) => {
      throw new AggregateError([error, stopError], 'The sandbox failed to start and then to stop');
    });
    throw error;
  }
}

/** Present while the sandbox was started by a test run, which then stops it when its last user is done. */
export function testRunOwnedMarker(paths: SandboxPaths): string {
  return join(paths.stateDir, 'started-by-test-run');
}

/** Stops exactly the processes `up` started (by recorded pid and process group) and proves none is left. */
export async function sandboxDown(options: SandboxOptions = {}): Promise<{ stopped: string[] }> {
  const paths = options.paths ?? sandboxPaths();
  if (!existsSync(paths.stateDir)) return { stopped: [] };
  return withSandboxLock(paths, () => downWhileLocked(paths, options.log ?? defaultLog));
}

/** `down` for a caller that holds the lock. */
export async function downWhileLocked(paths: SandboxPaths, log: Log): Promise<{ stopped: string[] }> {
  const stopped = await stopEverything(paths, log);
  await Promise.all(
    [
      paths.envJsonPath,
      paths.envShellPath,
      paths.kubeDir,
      paths.etcdDataDir,
      paths.kubeconfigPath,
      paths.usersDir,
      testRunOwnedMarker(paths),
    ].map((path) => rm(path, { recursive: true, force: true })),
  );
  return { stopped };
}

/** Which services run and answer their health checks. */
export async function sandboxStatus(options: { paths?: SandboxPaths } = {}): Promise<SandboxStatus> {
  const paths = options.paths ?? sandboxPaths();
  const records = await readProcessRecords(paths.processesDir);
  let connection: SandboxConnection | undefined;
  try {
    connection = readSandboxConnection({ stateDir: paths.stateDir });
  } catch {
    connection = undefined;
  }
  const known = (await sandboxStandIns()).flatMap((standIn) => standIn.components);
  const partial = connection?.services;
  const components = await Promise.all(
    known.map(async ({ name, healthy }) => {
      const record = records.find((candidate) => candidate.name === name);
      const running = record ? isRecordAlive(record) : false;
      const check = connection === undefined ? undefined : () => healthy(connection);
      const detail = !record
        ? 'not started'
        : !running
          ? 'not running'
          : check
            ? await check().then(
                () => 'healthy',
                (error: unknown) => (error instanceof Error ? error.message : String(error)),
              )
            : 'running, no connection details';
      return {
        name,
        pid: record?.pid,
        running,
        healthy: detail === 'healthy',
        detail,
        logFile: record?.logFile,
      };
    }),
  );
  const referenceReady = connection !== undefined && existsSync(connection.referencePython);
  components.push({
    name: 'reference-python',
    pid: undefined,
    running: referenceReady,
    healthy: referenceReady,
    detail: referenceReady ? `virtualenv ${connection?.referencePython}` : 'not installed',
    logFile: undefined,
  });
  // A sandbox started with `--only` is judged by the services it runs.
  const shown = partial ? components.filter((component) => partial.includes(component.name)) : components;
  const recordedGroups = new Set(records.flatMap((record) => groupMembers(record.pid)));
  const strayProcesses = findOwnedProcesses(paths.stateDir).filter((pid) => !recordedGroups.has(pid));
  const fingerprint = () =>
    partial ? standaloneBuildFingerprint(paths.recipesDir) : currentBuildFingerprint(paths.recipesDir);
  const current =
    connection !== undefined &&
    (await fingerprint().then(
      (expected) => expected === connection?.buildFingerprint,
      () => false,
    ));
  const up = current && shown.every((component) => component.healthy);
  return { up, current, components: shown, connection, strayProcesses };
}

async function stopEverything(paths: SandboxPaths, log: Log): Promise<string[]> {
  const records = await readProcessRecords(paths.processesDir);
  const stopped: string[] = [];
  const stages = await stopStages();
  for (const stage of stages) {
    const inStage = records.filter((record) => stage.includes(record.name));
    await Promise.all(inStage.map((record) => stopRecorded(paths, record, stopped)));
  }
  const others = records.filter((record) => !stages.flat().includes(record.name));
  await Promise.all(others.map((record) => stopRecorded(paths, record, stopped)));
  // Anything still carrying our marker was started by a launcher that died before recording it.
  for (const pid of findOwnedProcesses(paths.stateDir)) {
    log(`Stopping unrecorded sandbox process ${pid}`);
    await killPid(pid);
  }
  const left = findOwnedProcesses(paths.stateDir);
  if (left.length > 0) throw new Error(`Sandbox processes still running after down: ${left.join(', ')}`);
  return stopped;
}

async function stopRecorded(paths: SandboxPaths, record: ProcessRecord, stopped: string[]): Promise<void> {
  if (isRecordAlive(record) || groupMembers(record.pid).length > 0) {
    await stopProcessGroup(record);
    stopped.push(record.name);
  }
  await removeProcessRecord(paths.processesDir, record.name);
}

async function killPid(pid: number): Promise<void> {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    for (let waited = 0; waited < 5_000 && isProcessAlive(pid); waited += 100) await sleep(100);
    if (!isProcessAlive(pid)) return;
  }
}

async function resetStateDir(paths: SandboxPaths): Promise<void> {
  for (const path of [paths.logsDir, paths.processesDir, paths.kubeDir, paths.etcdDataDir]) {
    await rm(path, { recursive: true, force: true });
  }
  for (const path of [paths.envJsonPath, paths.envShellPath, paths.usersDir, testRunOwnedMarker(paths)]) {
    await rm(path, { recursive: true, force: true });
  }
  for (const path of [paths.logsDir, paths.processesDir, paths.kubeDir])
    await mkdir(path, { recursive: true });
}

async function writeConnectionFiles(paths: SandboxPaths, connection: SandboxConnection): Promise<void> {
  await writeFile(paths.envJsonPath, `${JSON.stringify(connection, null, 2)}\n`, { mode: 0o600 });
  await writeFile(paths.envShellPath, environmentShell(connection));
}

/** `export NAME='value'` lines for `eval` or `source`. */
export function environmentShell(connection: SandboxConnection): string {
  const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;
  const lines = Object.entries(sandboxEnvironment(connection)).map(
    ([name, value]) => `export ${name}=${quote(value)}`,
  );
  return `# chaosgarden sandbox: source this file or eval "$(npm run -s sandbox -- env)"\n${lines.join('\n')}\n`;
}
