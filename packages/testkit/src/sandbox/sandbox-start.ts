import { digest } from './cache-directory';
import type { SandboxConnection } from './connection';
import { type BuiltGoTools, buildGoTools, goToolsLocation } from './go-build';
import {
  installPythonEnvironment,
  type PythonEnvironment,
  type PythonEnvironmentSpec,
  pythonEnvironmentLocation,
} from './python-environment';
import { referenceEnvironment } from './reference-python';
import type { SandboxStandIn, StandInBuild, StandInStarted, TimedStep } from './stand-in';
import { sandboxStandIns } from './stand-in-registry';
import type { SandboxPaths } from './state-directory';

/** The AWS region the sandbox uses; kwok nodes get its first three zones, so one zone name fits both. */
export const sandboxRegion = 'us-east-1';

export type Log = (line: string) => void;

/** The reference Python tool's virtualenv: installed after every stand-in's virtualenvs. */
const referenceBuild: StandInBuild<PythonEnvironmentSpec> = {
  label: 'reference chaosgarden virtualenv',
  spec: referenceEnvironment,
};

/**
 * Builds or installs what is missing and starts every stand-in (`stand-ins/*`, in their `order`): the Go builds
 * of all stand-ins run one after the other (each uses both cores) while the virtualenvs install alongside, one
 * after the other; each stand-in starts its services as soon as its builds are ready. Every failure is
 * collected; the caller stops what did start.
 */
export async function startSandboxServices(paths: SandboxPaths, log: Log): Promise<SandboxConnection> {
  const standIns = await sandboxStandIns();
  // Ports are picked right before each service starts, not minutes earlier before a cold build.
  const step = timedStep(log);
  const goQueue = serialQueue();
  const pythonQueue = serialQueue();
  const builds = standIns.map((standIn) => ({
    goTools: (standIn.goTools ?? []).map((build) =>
      goQueue(() =>
        step(build.label, () => buildGoTools(paths.recipesDir, build.spec, paths.logsDir), describeBuild),
      ),
    ),
    pythonEnvironments: (standIn.pythonEnvironments ?? []).map((build) => install(build)),
  }));
  const reference = install(referenceBuild);
  function install(build: StandInBuild<PythonEnvironmentSpec>): Promise<PythonEnvironment> {
    return pythonQueue(() =>
      step(
        build.label,
        () => installPythonEnvironment(paths.recipesDir, build.spec, paths.logsDir),
        describeBuild,
      ),
    );
  }
  const started = standIns.map((standIn, index) =>
    standIn.start({ paths, log, step, region: sandboxRegion, ...(builds[index] as (typeof builds)[0]) }),
  );

  const outcomes = await Promise.allSettled([...started, reference]);
  const errors = [
    ...new Set(
      outcomes.flatMap((outcome) =>
        outcome.status === 'fulfilled'
          ? []
          : outcome.reason instanceof AggregateError
            ? (outcome.reason.errors as unknown[])
            : [outcome.reason as unknown],
      ),
    ),
  ];
  if (errors.length > 0) {
    const reasons = errors.map((error) => (error instanceof Error ? error.message : String(error)));
    // A plain Error with every reason in its message (test reporters print AggregateError's members only).
    throw new Error(`The sandbox could not start:\n- ${reasons.join('\n- ')}`, {
      cause: new AggregateError(errors, 'Reasons the sandbox could not start'),
    });
  }
  const results = await Promise.all(started);
  const referenceEnv = await reference;
  const built: (BuiltGoTools | PythonEnvironment)[] = [
    ...(await Promise.all(builds.flatMap((build) => build.goTools))),
    ...(await Promise.all(builds.flatMap((build) => build.pythonEnvironments))),
    referenceEnv,
  ];
  return {
    formatVersion: 1,
    stateDir: paths.stateDir,
    logsDir: paths.logsDir,
    ...Object.assign({}, ...results.map((result: StandInStarted) => result.connection)),
    referencePython: referenceEnv.python,
    buildFingerprint: fingerprint(built.map((entry) => entry.cacheDir)),
    versions: Object.assign({}, ...results.map((result) => result.versions), {
      chaosgarden: referenceEnv.version,
    }),
  } as SandboxConnection;
}

function fingerprint(cacheDirs: readonly string[]): string {
  return digest(cacheDirs);
}

/**
 * The fingerprint a sandbox started now would have: when it differs from the running one's, `tools/*` or the
 * requirements changed since, and `up` restarts the sandbox on the new builds.
 */
export async function currentBuildFingerprint(repositoryDir: string): Promise<string> {
  const standIns: readonly SandboxStandIn[] = await sandboxStandIns();
  const goTools = standIns.flatMap((standIn) => standIn.goTools ?? []);
  const environments = [...standIns.flatMap((standIn) => standIn.pythonEnvironments ?? []), referenceBuild];
  const locations = await Promise.all([
    ...goTools.map((build) => goToolsLocation(repositoryDir, build.spec)),
    ...environments.map((build) => pythonEnvironmentLocation(repositoryDir, build.spec)),
  ]);
  return fingerprint(locations.map((location) => location.cacheDir));
}

/**
 * Runs the tasks it is given one after the other, in the order given, whatever each one's outcome: to
 * serialise CPU-heavy builds without chaining their errors.
 */
function serialQueue() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const result = last.then(task, task);
    last = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
}

function describeBuild(result: { built: boolean; version: string }): string {
  return `${result.version}, ${result.built ? 'built' : 'cached'}`;
}

function timedStep(log: Log): TimedStep {
  return async (label, action, describe) => {
    const started = Date.now();
    const result = await action();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`  ✓ ${label}${describe ? ` (${describe(result)})` : ''} in ${seconds} s`);
    return result;
  };
}
