import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { digest } from './cache-directory';
import { createControlPlaneCredentials, kubeconfigYaml } from './certificates';
import type { SandboxConnection } from './connection';
import { etcdTools, startEtcd } from './etcd';
import { buildGoTools, goToolsLocation } from './go-build';
import { startKubeApiServer } from './kube-apiserver';
import { startKubeControllerManager } from './kube-controller-manager';
import { startKubeScheduler } from './kube-scheduler';
import { kubernetesTools } from './kubernetes-build';
import { kwokTools, startKwok } from './kwok';
import { createKwokNodes, defaultKwokNodes } from './kwok-nodes';
import { motoCredentials, motoEnvironment, startMoto } from './moto';
import { freePort, freePorts } from './processes';
import { installPythonEnvironment, pythonEnvironmentLocation } from './python-environment';
import { referenceEnvironment } from './reference-python';
import type { SandboxPaths } from './state-directory';

/** The AWS region the sandbox uses; kwok nodes get its first three zones, so one zone name fits both. */
export const sandboxRegion = 'us-east-1';

export type Log = (line: string) => void;

/**
 * Builds or installs what is missing and starts every service, as a graph of promises: Go builds run one after
 * the other (each uses both cores) while the virtualenvs install alongside; a service starts as soon as its
 * binaries and its dependencies are ready. Every failure is collected; the caller stops what did start.
 */
export async function startSandboxServices(paths: SandboxPaths, log: Log): Promise<SandboxConnection> {
  const repo = paths.recipesDir;
  const { logsDir } = paths;
  // Ports are picked right before each service starts, not minutes earlier before a cold build.
  const step = timedStep(log);

  const credentials = step('certificates and tokens', () =>
    createControlPlaneCredentials(paths.kubeDir, join(logsDir, 'certificates.log')),
  );
  const etcdBuild = step('etcd build', () => buildGoTools(repo, etcdTools, logsDir), describeBuild);
  const kubernetesBuild = settle(etcdBuild).then(() =>
    step('Kubernetes build', () => buildGoTools(repo, kubernetesTools, logsDir), describeBuild),
  );
  const kwokBuild = settle(kubernetesBuild).then(() =>
    step('kwok build', () => buildGoTools(repo, kwokTools, logsDir), describeBuild),
  );
  const motoInstall = step(
    'moto virtualenv',
    () => installPythonEnvironment(repo, motoEnvironment, logsDir),
    describeBuild,
  );
  const referenceInstall = settle(motoInstall).then(() =>
    step(
      'reference chaosgarden virtualenv',
      () => installPythonEnvironment(repo, referenceEnvironment, logsDir),
      describeBuild,
    ),
  );

  const moto = motoInstall.then((environment) =>
    step('moto', async () => startMoto(paths, environment.venvDir, await freePort())),
  );
  const etcd = etcdBuild.then((built) =>
    step('etcd', async () => {
      const [client = 0, peer = 0] = await freePorts(2);
      return startEtcd(paths, built.binDir, { client, peer });
    }),
  );
  const caPem = credentials.then(({ caCertPath }) => readFile(caCertPath, 'utf8'));
  const apiServer = Promise.all([kubernetesBuild, etcd, credentials, caPem]).then(
    ([built, etcdService, creds, ca]) =>
      step('kube-apiserver', async () =>
        startKubeApiServer(paths, built.binDir, {
          port: await freePort(),
          etcdUrl: etcdService.url,
          credentials: creds,
          caPem: ca,
        }),
      ),
  );
  const kubeconfigs = Promise.all([apiServer, credentials, caPem]).then(async ([api, creds, ca]) => {
    const write = async (file: string, user: string, token: string) => {
      await writeFile(file, kubeconfigYaml({ server: api.url, caPem: ca, user, token }), { mode: 0o600 });
      return file;
    };
    return {
      admin: await write(paths.kubeconfigPath, 'sandbox-admin', creds.tokens.admin),
      controllerManager: await write(
        join(paths.kubeDir, 'controller-manager.kubeconfig'),
        'kcm',
        creds.tokens.controllerManager,
      ),
      scheduler: await write(
        join(paths.kubeDir, 'scheduler.kubeconfig'),
        'scheduler',
        creds.tokens.scheduler,
      ),
      kwok: await write(join(paths.kubeDir, 'kwok.kubeconfig'), 'kwok', creds.tokens.kwok),
    };
  });
  const admin = Promise.all([apiServer, credentials, caPem]).then(([api, creds, ca]) => ({
    server: api.url,
    caPem: ca,
    token: creds.tokens.admin,
  }));
  const controllerManager = Promise.all([kubernetesBuild, kubeconfigs, credentials, admin]).then(
    ([built, files, creds, access]) =>
      step('kube-controller-manager', async () =>
        startKubeControllerManager(paths, built.binDir, {
          port: await freePort(),
          kubeconfigPath: files.controllerManager,
          credentials: creds,
          admin: access,
        }),
      ),
  );
  const scheduler = Promise.all([kubernetesBuild, kubeconfigs, credentials, caPem]).then(
    ([built, files, creds, ca]) =>
      step('kube-scheduler', async () =>
        startKubeScheduler(paths, built.binDir, {
          port: await freePort(),
          kubeconfigPath: files.scheduler,
          credentials: creds,
          caPem: ca,
        }),
      ),
  );
  const nodes = defaultKwokNodes(sandboxRegion);
  const kwok = Promise.all([kwokBuild, kubeconfigs, admin]).then(([built, files, access]) =>
    step(`kwok and nodes ${nodes.map((node) => node.zone).join(', ')}`, async () => {
      const record = await startKwok(paths, built.binDir, { kubeconfigPath: files.kwok });
      await createKwokNodes(access, nodes, { kwokProcess: record });
      return record;
    }),
  );

  const all = [
    credentials,
    etcdBuild,
    kubernetesBuild,
    kwokBuild,
    motoInstall,
    referenceInstall,
    moto,
    etcd,
    caPem,
    apiServer,
    kubeconfigs,
    admin,
    controllerManager,
    scheduler,
    kwok,
  ] as const;
  const outcomes = await Promise.allSettled(all);
  const errors = [
    ...new Set(
      outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : [])),
    ),
  ];
  if (errors.length > 0) {
    const reasons = errors.map((error) => (error instanceof Error ? error.message : String(error)));
    // A plain Error with every reason in its message (test reporters print AggregateError's members only).
    throw new Error(`The sandbox could not start:\n- ${reasons.join('\n- ')}`, {
      cause: new AggregateError(errors, 'Reasons the sandbox could not start'),
    });
  }
  const [etcdBuilt, kubernetesBuilt, kwokBuilt, motoEnv, referenceEnv] = await Promise.all([
    etcdBuild,
    kubernetesBuild,
    kwokBuild,
    motoInstall,
    referenceInstall,
  ]);
  const creds = await credentials;
  return {
    formatVersion: 1,
    stateDir: paths.stateDir,
    logsDir: paths.logsDir,
    kubeconfigPath: paths.kubeconfigPath,
    kubeApiServerUrl: (await apiServer).url,
    kubeCaPath: creds.caCertPath,
    token: creds.tokens.admin,
    etcdUrl: (await etcd).url,
    kubeControllerManagerUrl: (await controllerManager).healthUrl,
    kubeSchedulerUrl: (await scheduler).healthUrl,
    nodes: nodes.map(({ name, zone }) => ({ name, zone })),
    zones: nodes.map(({ zone }) => zone),
    awsEndpoint: (await moto).endpoint,
    awsRegion: sandboxRegion,
    awsAccessKeyId: motoCredentials.accessKeyId,
    awsSecretAccessKey: motoCredentials.secretAccessKey,
    referencePython: referenceEnv.python,
    buildFingerprint: fingerprint(
      [etcdBuilt, kubernetesBuilt, kwokBuilt, motoEnv, referenceEnv].map((built) => built.cacheDir),
    ),
    versions: {
      kubernetes: kubernetesBuilt.version,
      etcd: etcdBuilt.version,
      kwok: kwokBuilt.version,
      moto: motoEnv.version,
      chaosgarden: referenceEnv.version,
    },
  };
}

function fingerprint(cacheDirs: readonly string[]): string {
  return digest(cacheDirs);
}

/**
 * The fingerprint a sandbox started now would have: when it differs from the running one's, `tools/*` or the
 * requirements changed since, and `up` restarts the sandbox on the new builds.
 */
export async function currentBuildFingerprint(repositoryDir: string): Promise<string> {
  const locations = await Promise.all([
    ...[etcdTools, kubernetesTools, kwokTools].map((spec) => goToolsLocation(repositoryDir, spec)),
    ...[motoEnvironment, referenceEnvironment].map((spec) => pythonEnvironmentLocation(repositoryDir, spec)),
  ]);
  return fingerprint(locations.map((location) => location.cacheDir));
}

/** Waits for a promise to settle, ignoring its outcome: to serialise CPU-heavy builds without chaining errors. */
function settle(promise: Promise<unknown>): Promise<void> {
  return promise.then(
    () => undefined,
    () => undefined,
  );
}

function describeBuild(result: { built: boolean; version: string }): string {
  return `${result.version}, ${result.built ? 'built' : 'cached'}`;
}

function timedStep(log: Log) {
  return async <T>(label: string, action: () => Promise<T>, describe?: (result: T) => string): Promise<T> => {
    const started = Date.now();
    const result = await action();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`  ✓ ${label}${describe ? ` (${describe(result)})` : ''} in ${seconds} s`);
    return result;
  };
}
