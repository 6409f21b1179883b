import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, registerSecret } from '@chaosgarden/core';
import type { ResolvedKubeconfigSource } from './kubeconfig-source';
import {
  isMap,
  kubeconfigDirectory,
  mergeKubeconfigs,
  type RawKubeconfig,
  type RawMap,
  readKubeconfigDocument,
} from './merge-kubeconfigs';

/** The parts of a kubeconfig the client needs: the current context's cluster and user. */
export interface LoadedKubeconfig {
  /** Where it came from, for messages (`$KUBECONFIG (…)`, `secrets.kubeconfigYaml`, …). */
  readonly origin: string;
  readonly contextName: string;
  readonly clusterName: string;
  /** The cluster entry, kubectl spelling (`server`, `certificate-authority-data`, `extensions`, …). */
  readonly cluster: RawMap;
  /** The API server URL. */
  readonly server: string;
  readonly userName: string | undefined;
  /** The user entry, kubectl spelling (`token`, `client-key-data`, `exec`, …); undefined = anonymous. */
  readonly user: RawMap | undefined;
  /** Set for in-cluster access; the other fields then describe the service account. */
  readonly inCluster?: { readonly pathPrefix: string };
}

const serviceAccountDirectory = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Reads and checks the kubeconfig from its source, in memory only. Refuses users with the removed
 * `auth-provider` mechanism and registers every credential it sees (tokens, passwords, client keys,
 * exec plugin environment values) so that logs and errors show `***` instead.
 *
 * @throws InvalidArgumentError (argument `kubeconfig`) naming the source and what is wrong.
 */
export async function loadKubeconfig(source: ResolvedKubeconfigSource): Promise<LoadedKubeconfig> {
  if (source.kind === 'in-cluster') {
    return inClusterKubeconfig(source.pathPrefix);
  }
  const raw = await readRaw(source);
  return selectCurrentContext(raw, source.origin);
}

async function readRaw(source: Exclude<ResolvedKubeconfigSource, { kind: 'in-cluster' }>) {
  if (source.kind === 'object') {
    if (!isMap(source.object)) {
      throw invalid(`${source.origin} must be a kubeconfig object.`);
    }
    return readKubeconfigDocument(structuredClone(source.object), undefined);
  }
  if (source.kind === 'yaml') {
    return readKubeconfigDocument(await parseYaml(source.text, source.origin), undefined);
  }
  const documents: RawKubeconfig[] = [];
  for (const path of source.paths) {
    if (source.paths.length > 1 && !existsSync(path)) {
      continue; // kubectl skips missing files of a $KUBECONFIG list
    }
    const text = await readFile(path, 'utf8').catch((error: unknown) => {
      throw invalid(`Cannot read the kubeconfig file ${path} (${source.origin}): ${String(error)}`, error);
    });
    documents.push(readKubeconfigDocument(await parseYaml(text, path), kubeconfigDirectory(path)));
  }
  if (documents.length === 0) {
    throw invalid(`None of the kubeconfig files of ${source.origin} exists.`);
  }
  return mergeKubeconfigs(documents);
}

async function parseYaml(text: string, origin: string): Promise<unknown> {
  const { loadYaml } = await import('@kubernetes/client-node');
  try {
    return loadYaml(text);
  } catch (error) {
    throw invalid(`${origin} is not valid kubeconfig YAML: ${(error as Error).message}`, error);
  }
}

function selectCurrentContext(raw: RawKubeconfig, origin: string): LoadedKubeconfig {
  const contextName = raw.currentContext;
  if (contextName === undefined) {
    throw invalid(`${origin} has no current-context; set one (kubectl config use-context <name>).`);
  }
  const context = raw.contexts.get(contextName);
  if (context === undefined) {
    const known = [...raw.contexts.keys()].join(', ') || 'none';
    throw invalid(`The current-context "${contextName}" of ${origin} is not defined (contexts: ${known}).`);
  }
  const clusterName = typeof context.cluster === 'string' ? context.cluster : '';
  const cluster = raw.clusters.get(clusterName);
  if (cluster === undefined || typeof cluster.server !== 'string' || cluster.server === '') {
    throw invalid(
      `The cluster "${clusterName}" of context "${contextName}" in ${origin} is missing or has no server.`,
    );
  }
  const userName = typeof context.user === 'string' && context.user !== '' ? context.user : undefined;
  const user = userName === undefined ? undefined : raw.users.get(userName);
  if (userName !== undefined && user === undefined) {
    throw invalid(`The user "${userName}" of context "${contextName}" is not defined in ${origin}.`);
  }
  if (user !== undefined) {
    refuseAuthProvider(user, userName ?? '', origin);
    registerUserSecrets(user);
  }
  return { origin, contextName, clusterName, cluster, server: cluster.server, userName, user };
}

function refuseAuthProvider(user: RawMap, userName: string, origin: string): void {
  const provider = user['auth-provider'] ?? user.authProvider;
  if (provider === undefined || provider === null) {
    return;
  }
  const name = isMap(provider) && typeof provider.name === 'string' ? provider.name : 'unknown';
  throw invalid(
    `Unsupported auth-provider ${name}! The user "${userName}" in ${origin} uses the auth-provider ` +
      'mechanism, which kubectl and the Kubernetes clients removed; switch it to an exec credential ' +
      'plugin (kubelogin for OIDC and Azure, gke-gcloud-auth-plugin for GKE, gardenlogin for Gardener).',
  );
}

function registerUserSecrets(user: RawMap): void {
  for (const key of ['token', 'password', 'client-key-data']) {
    registerSecret(user[key]);
  }
  if (typeof user['client-key-data'] === 'string') {
    registerSecret(Buffer.from(user['client-key-data'], 'base64').toString('utf8').trim());
  }
  const exec = isMap(user.exec) ? user.exec : undefined;
  for (const variable of Array.isArray(exec?.env) ? exec.env : []) {
    registerSecret(isMap(variable) ? variable.value : undefined);
  }
}

function inClusterKubeconfig(pathPrefix: string): LoadedKubeconfig {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  const tokenPath = `${pathPrefix}${serviceAccountDirectory}/token`;
  if (!host || !port || !existsSync(tokenPath)) {
    throw invalid(
      'In-cluster access needs KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT and the service account ' +
        `token ${tokenPath}; they are only there inside a pod. Pass a kubeconfig instead.`,
    );
  }
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    origin: 'in-cluster service account',
    contextName: 'inClusterContext',
    clusterName: 'inCluster',
    cluster: { server },
    server,
    userName: 'inClusterUser',
    user: undefined,
    inCluster: { pathPrefix },
  };
}

function invalid(message: string, cause?: unknown): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'kubeconfig', message, ...(cause ? { cause } : {}) });
}
