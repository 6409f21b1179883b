import { readFileSync } from 'node:fs';
import type { KubeAccess } from './kube-api';
import { sandboxPaths } from './state-directory';

/** Everything a test needs to reach the sandbox; written by `sandbox up` to `.sandbox/env.json`. */
export interface SandboxConnection {
  readonly formatVersion: 1;
  /**
   * The services this sandbox runs, when it was started with `up --only` (e.g. `['moto']`); absent for the
   * whole sandbox. The fields of services it does not run are empty strings and lists.
   */
  readonly services?: readonly string[];
  readonly stateDir: string;
  readonly logsDir: string;
  /** Admin kubeconfig (token user in `system:masters`, CA data inline). */
  readonly kubeconfigPath: string;
  readonly kubeApiServerUrl: string;
  /** PEM file of the CA that signed the apiserver certificate. */
  readonly kubeCaPath: string;
  /** The admin bearer token (a throwaway, valid for this sandbox only). */
  readonly token: string;
  readonly etcdUrl: string;
  readonly kubeControllerManagerUrl: string;
  readonly kubeSchedulerUrl: string;
  /** The kwok nodes `up` created, one per zone. */
  readonly nodes: readonly { readonly name: string; readonly zone: string }[];
  readonly zones: readonly string[];
  readonly awsEndpoint: string;
  readonly awsRegion: string;
  readonly awsAccessKeyId: string;
  readonly awsSecretAccessKey: string;
  /** `python` of the virtualenv holding the PyPI chaosgarden. */
  readonly referencePython: string;
  /** Digest of the cache entries the services run from; `up` restarts the sandbox when it is outdated. */
  readonly buildFingerprint: string;
  readonly versions: Readonly<Record<'kubernetes' | 'etcd' | 'kwok' | 'moto' | 'chaosgarden', string>>;
}

/**
 * Reads the connection details of a running sandbox from `<repo>/.sandbox/env.json` (or
 * `$CHAOSGARDEN_SANDBOX_DIR/env.json`). Throws, saying how to start one, when there is none.
 */
export function readSandboxConnection(options: { stateDir?: string } = {}): SandboxConnection {
  const paths = sandboxPaths({ stateDir: options.stateDir });
  let text: string;
  try {
    text = readFileSync(paths.envJsonPath, 'utf8');
  } catch (error) {
    throw new Error(`No sandbox is up (${paths.envJsonPath} is missing): run \`npm run sandbox -- up\``, {
      cause: error,
    });
  }
  const connection = JSON.parse(text) as SandboxConnection;
  if (connection.formatVersion !== 1) {
    throw new Error(`${paths.envJsonPath} has format ${connection.formatVersion}; restart the sandbox`);
  }
  return connection;
}

/** `{ server, caPem, token }` for the apiserver, as the admin. */
export function kubeAccess(connection: SandboxConnection): KubeAccess {
  return {
    server: connection.kubeApiServerUrl,
    caPem: readFileSync(connection.kubeCaPath, 'utf8'),
    token: connection.token,
  };
}

/**
 * Options for `new EC2Client(...)` pointing at moto. `maxAttempts: 1` because moto answers unimplemented
 * features with HTTP 500, which the SDK would otherwise retry.
 */
export function ec2ClientOptions(connection: SandboxConnection) {
  return {
    region: connection.awsRegion,
    endpoint: connection.awsEndpoint,
    credentials: { accessKeyId: connection.awsAccessKeyId, secretAccessKey: connection.awsSecretAccessKey },
    maxAttempts: 1,
  };
}

/** Wipes every moto backend (`POST /moto-api/reset`); call it between tests. */
export async function resetMoto(endpointOrConnection: string | SandboxConnection): Promise<void> {
  const endpoint =
    typeof endpointOrConnection === 'string' ? endpointOrConnection : endpointOrConnection.awsEndpoint;
  const response = await fetch(`${endpoint}/moto-api/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto reset at ${endpoint} failed: ${response.status}`);
}

/**
 * Environment variables that point boto3, the Kubernetes Python client and the AWS CLI-style tools at the
 * sandbox: `AWS_ENDPOINT_URL_EC2`, dummy credentials, region, no instance-metadata lookups, `KUBECONFIG`.
 */
export function sandboxEnvironment(connection: SandboxConnection): Record<string, string> {
  // A sandbox started with `--only` leaves the fields of the services it does not run empty: no export.
  return withoutEmpty({
    AWS_ENDPOINT_URL_EC2: connection.awsEndpoint,
    AWS_ACCESS_KEY_ID: connection.awsAccessKeyId,
    AWS_SECRET_ACCESS_KEY: connection.awsSecretAccessKey,
    AWS_DEFAULT_REGION: connection.awsRegion,
    AWS_REGION: connection.awsRegion,
    AWS_EC2_METADATA_DISABLED: 'true',
    KUBECONFIG: connection.kubeconfigPath,
    CHAOSGARDEN_REFERENCE_PYTHON: connection.referencePython,
  });
}

function withoutEmpty(variables: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).filter(([, value]) => value !== ''));
}
