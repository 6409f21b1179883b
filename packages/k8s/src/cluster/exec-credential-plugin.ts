import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { InvalidArgumentError, redactSecrets, registerSecret } from '@chaosgarden/core';
import { isMap, type RawMap } from './merge-kubeconfigs';

/** What an exec credential plugin returned (`ExecCredential.status`). */
export interface ExecCredential {
  readonly token?: string;
  readonly clientCertificateData?: string;
  readonly clientKeyData?: string;
  /** Epoch milliseconds; undefined = valid until the server rejects it. */
  readonly expiresAtMs?: number;
}

export interface ExecCredentialPluginOptions {
  /** The user's `exec` entry (kubectl spelling). */
  exec: RawMap;
  /** The cluster entry, passed to the plugin when `provideClusterInfo` is set (gardenlogin needs it). */
  cluster: RawMap;
  /** How long the plugin may run. Default 120 000 ms. */
  timeoutMs?: number;
}

const clusterInfoExtension = 'client.authentication.k8s.io/exec';

/**
 * Runs a kubeconfig exec credential plugin (kubelogin, gardenlogin, gke-gcloud-auth-plugin, aws …)
 * the way kubectl does: non-interactively, with `KUBERNETES_EXEC_INFO` (including the cluster when
 * `provideClusterInfo` is set), the entry's `env`, and a cache until the credential expires.
 */
export class ExecCredentialPlugin {
  readonly #options: ExecCredentialPluginOptions;
  #cached: ExecCredential | undefined;
  #pending: Promise<ExecCredential> | undefined;

  constructor(options: ExecCredentialPluginOptions) {
    this.#options = options;
    if (options.exec.interactiveMode === 'Always') {
      throw new InvalidArgumentError({
        argument: 'kubeconfig',
        message:
          'The exec plugin of the kubeconfig user needs an interactive terminal (interactiveMode: Always), ' +
          'which chaosgarden does not have. Log in first in a terminal so that the plugin can answer from ' +
          'its cache, or use a kubeconfig whose plugin runs with interactiveMode IfAvailable or Never.',
      });
    }
  }

  /** A valid credential, from the cache while it is at least 10 s away from expiring. */
  credential(): Promise<ExecCredential> {
    const cached = this.#cached;
    if (cached !== undefined && (cached.expiresAtMs ?? Number.POSITIVE_INFINITY) > Date.now() + 10_000) {
      return Promise.resolve(cached);
    }
    this.#pending ??= this.#run().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Forgets the cached credential (after the server rejected it with 401). */
  invalidate(): void {
    this.#cached = undefined;
  }

  async #run(): Promise<ExecCredential> {
    const output = await runPlugin(this.#options);
    const credential = parseExecCredential(output, this.#command());
    this.#cached = credential;
    return credential;
  }

  #command(): string {
    return String(this.#options.exec.command ?? '');
  }
}

function runPlugin(options: ExecCredentialPluginOptions): Promise<string> {
  const { exec } = options;
  const command = String(exec.command ?? '');
  const args = Array.isArray(exec.args) ? exec.args.map(String) : [];
  const env: Record<string, string | undefined> = { ...process.env, ...entryEnvironment(exec) };
  env.KUBERNETES_EXEC_INFO = JSON.stringify(execInfo(options));
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const hint = typeof exec.installHint === 'string' ? ` ${exec.installHint.trim()}` : '';
      reject(pluginError(`could not be started (${error.code ?? error.message}).${hint}`, command, error));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) {
        resolve(stdout);
        return;
      }
      const why = signal === 'SIGKILL' ? 'was stopped after its time-out' : `exited with code ${code}`;
      reject(pluginError(`${why}: ${stderr.trim().slice(-500)}`, command));
    });
  });
}

function entryEnvironment(exec: RawMap): Record<string, string> {
  const result: Record<string, string> = {};
  for (const variable of Array.isArray(exec.env) ? exec.env : []) {
    if (isMap(variable) && typeof variable.name === 'string') {
      result[variable.name] = String(variable.value ?? '');
    }
  }
  return result;
}

/** `KUBERNETES_EXEC_INFO`: the ExecCredential the plugin reads its input from. */
function execInfo(options: ExecCredentialPluginOptions): RawMap {
  const { exec, cluster } = options;
  const spec: RawMap = { interactive: false };
  if (exec.provideClusterInfo === true) {
    spec.cluster = clusterInfo(cluster);
  }
  const apiVersion =
    typeof exec.apiVersion === 'string' ? exec.apiVersion : 'client.authentication.k8s.io/v1';
  return { apiVersion, kind: 'ExecCredential', spec };
}

function clusterInfo(cluster: RawMap): RawMap {
  const info: RawMap = { server: cluster.server };
  for (const key of ['tls-server-name', 'insecure-skip-tls-verify', 'proxy-url', 'disable-compression']) {
    if (cluster[key] !== undefined) info[key] = cluster[key];
  }
  if (typeof cluster['certificate-authority-data'] === 'string') {
    info['certificate-authority-data'] = cluster['certificate-authority-data'];
  } else if (typeof cluster['certificate-authority'] === 'string') {
    info['certificate-authority-data'] = readFileSync(cluster['certificate-authority']).toString('base64');
  }
  const extensions = Array.isArray(cluster.extensions) ? cluster.extensions : [];
  const extension = extensions.find((entry) => isMap(entry) && entry.name === clusterInfoExtension);
  if (isMap(extension) && extension.extension !== undefined) {
    info.config = extension.extension;
  }
  return info;
}

function parseExecCredential(output: string, command: string): ExecCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(output);
  } catch (error) {
    throw pluginError('printed no ExecCredential JSON on stdout', command, error);
  }
  const status = isMap(parsed) && isMap(parsed.status) ? parsed.status : undefined;
  const token = typeof status?.token === 'string' ? status.token : undefined;
  const certificate =
    typeof status?.clientCertificateData === 'string' ? status.clientCertificateData : undefined;
  const key = typeof status?.clientKeyData === 'string' ? status.clientKeyData : undefined;
  if (token === undefined && (certificate === undefined || key === undefined)) {
    throw pluginError('returned neither a token nor a client certificate and key', command);
  }
  registerSecret(token);
  registerSecret(key);
  const expiry =
    typeof status?.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : NaN;
  return {
    ...(token === undefined ? {} : { token }),
    ...(certificate === undefined || key === undefined
      ? {}
      : { clientCertificateData: certificate, clientKeyData: key }),
    ...(Number.isNaN(expiry) ? {} : { expiresAtMs: expiry }),
  };
}

function pluginError(problem: string, command: string, cause?: unknown): InvalidArgumentError {
  return new InvalidArgumentError({
    argument: 'kubeconfig',
    message: redactSecrets(`The kubeconfig's exec credential plugin ${command} ${problem}`),
    ...(cause === undefined ? {} : { cause }),
  });
}
