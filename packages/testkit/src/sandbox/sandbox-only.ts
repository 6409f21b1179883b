import { digest } from './cache-directory';
import type { SandboxConnection } from './connection';
import { motoCredentials, motoEnvironment, motoHealthy, startMoto } from './moto';
import { freePort } from './processes';
import { installPythonEnvironment, pythonEnvironmentLocation } from './python-environment';
import type { SandboxPaths } from './state-directory';

/**
 * The services `sandbox up --only <name>` starts on their own, without the Kubernetes control plane or Go:
 * the cloud stand-ins that need nothing else. moto needs only Python >= 3.10.
 */
export const standaloneServices = ['moto'] as const;

export type StandaloneService = (typeof standaloneServices)[number];

/** The AWS region a moto-only sandbox answers for, as the whole sandbox (`sandboxRegion`). */
const region = 'us-east-1';

/** `moto` or `moto,other` → the service names, refusing any the launcher cannot start on its own. */
export function parseOnly(value: string): StandaloneService[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const unknown = names.filter((name) => !(standaloneServices as readonly string[]).includes(name));
  if (names.length === 0 || unknown.length > 0) {
    throw new Error(
      `--only ${JSON.stringify(value)}: can start only ${standaloneServices.join(', ')} on their own` +
        (unknown.length > 0 ? ` (not ${unknown.join(', ')})` : ''),
    );
  }
  return [...new Set(names)] as StandaloneService[];
}

/** True when the running sandbox (all services, or `connection.services`) runs every one of `only`. */
export function runsServices(connection: SandboxConnection, only: readonly string[] | undefined): boolean {
  const running = connection.services;
  if (running === undefined) return true;
  return only?.every((name) => running.includes(name)) ?? false;
}

/**
 * Installs what is missing and starts only `services` (today: moto). The connection's fields of the services
 * not started are empty; `services` lists the started ones.
 */
export async function startStandaloneServices(
  paths: SandboxPaths,
  log: (line: string) => void,
  services: readonly StandaloneService[],
): Promise<SandboxConnection> {
  const started = Date.now();
  const environment = await installPythonEnvironment(paths.recipesDir, motoEnvironment, paths.logsDir);
  const moto = await startMoto(paths, environment.venvDir, await freePort());
  log(
    `  ✓ moto (${environment.version}, ${environment.built ? 'built' : 'cached'}) in ${seconds(started)} s`,
  );
  return {
    formatVersion: 1,
    services: [...services],
    stateDir: paths.stateDir,
    logsDir: paths.logsDir,
    kubeconfigPath: '',
    kubeApiServerUrl: '',
    kubeCaPath: '',
    token: '',
    etcdUrl: '',
    kubeControllerManagerUrl: '',
    kubeSchedulerUrl: '',
    nodes: [],
    zones: [],
    awsEndpoint: moto.endpoint,
    awsRegion: region,
    awsAccessKeyId: motoCredentials.accessKeyId,
    awsSecretAccessKey: motoCredentials.secretAccessKey,
    referencePython: '',
    buildFingerprint: digest([environment.cacheDir]),
    versions: { kubernetes: '', etcd: '', kwok: '', moto: environment.version, chaosgarden: '' },
  };
}

/** The fingerprint a sandbox of only `services` started now would have (compare `buildFingerprint`). */
export async function standaloneBuildFingerprint(recipesDir: string): Promise<string> {
  const location = await pythonEnvironmentLocation(recipesDir, motoEnvironment);
  return digest([location.cacheDir]);
}

/** Health checks of the services a partial sandbox runs. */
export function standaloneHealthChecks(
  connection: SandboxConnection,
): Record<string, () => Promise<unknown>> {
  return { moto: () => motoHealthy(connection.awsEndpoint) };
}

function seconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}
