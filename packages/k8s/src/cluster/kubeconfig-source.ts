import { delimiter } from 'node:path';
import { camelizeKeys, InvalidArgumentError } from '@chaosgarden/core';

/** Where the kubeconfig comes from. Exactly one key. */
export type KubeconfigSource =
  /** A kubeconfig file, or several merged the way kubectl merges `$KUBECONFIG` (first one wins per name). */
  | { readonly path: string | readonly string[] }
  /** Kubeconfig YAML (or JSON) text, kept in memory. */
  | { readonly yaml: string }
  /** An already parsed kubeconfig (`{ clusters, users, contexts, 'current-context' }`). */
  | { readonly object: Readonly<Record<string, unknown>> }
  /**
   * The pod's service account (`KUBERNETES_SERVICE_HOST`/`_PORT` and
   * `/var/run/secrets/kubernetes.io/serviceaccount`). `pathPrefix` is prepended to that directory.
   */
  | { readonly inCluster: true | { readonly pathPrefix?: string } };

/** The Python tool's secret keys for the kubeconfig (snake_case spellings are accepted too). */
export interface KubeconfigSecrets {
  /** Parsed kubeconfig object; checked first. */
  readonly kubeconfigStruct?: Readonly<Record<string, unknown>>;
  /** Kubeconfig YAML text; checked second (garden passes shoot kubeconfigs this way). */
  readonly kubeconfigYaml?: string;
  /** Path to a kubeconfig file; checked third. */
  readonly kubeconfigPath?: string;
}

/** How every k8s action reaches its cluster. */
export interface ClusterAccessOptions {
  /**
   * The kubeconfig to use. Default: the first of `secrets.kubeconfigStruct`, `secrets.kubeconfigYaml`,
   * `secrets.kubeconfigPath`, then env `KUBECONFIG` (a `:`-separated list, as kubectl reads it).
   * There is no silent fallback to `~/.kube/config` or to in-cluster access: pass them explicitly.
   */
  kubeconfig?: KubeconfigSource | undefined;
  /** Python-style secrets (see `KubeconfigSecrets`); other keys in it are ignored. */
  secrets?: KubeconfigSecrets | Readonly<Record<string, unknown>> | null | undefined;
}

/** The source picked from the options, with where it came from (for messages). */
export type ResolvedKubeconfigSource =
  | { readonly kind: 'paths'; readonly paths: readonly string[]; readonly origin: string }
  | { readonly kind: 'yaml'; readonly text: string; readonly origin: string }
  | { readonly kind: 'object'; readonly object: unknown; readonly origin: string }
  | { readonly kind: 'in-cluster'; readonly pathPrefix: string; readonly origin: string };

/**
 * Picks the kubeconfig source: the `kubeconfig` option, else the secrets in the Python tool's order
 * (struct, YAML, path), else `$KUBECONFIG`.
 *
 * @throws InvalidArgumentError (argument `kubeconfig`) when none is given, two are given, or one is empty.
 */
export function resolveKubeconfigSource(
  options: ClusterAccessOptions,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ResolvedKubeconfigSource {
  const fromSecrets = secretsSource(options.secrets);
  if (options.kubeconfig !== undefined) {
    if (fromSecrets !== undefined) {
      throw invalid(`Both the kubeconfig option and ${fromSecrets.origin} are given; pass only one of them.`);
    }
    return explicitSource(options.kubeconfig);
  }
  if (fromSecrets !== undefined) {
    return fromSecrets;
  }
  const list = env.KUBECONFIG;
  if (list !== undefined && list.trim() !== '') {
    const paths = list.split(delimiter).filter((path) => path.trim() !== '');
    return { kind: 'paths', paths, origin: `$KUBECONFIG (${list})` };
  }
  throw invalid(
    'No kubeconfig given: pass kubeconfig: { path | yaml | object | inCluster }, the secret ' +
      'kubeconfigPath (kubeconfig_path), or set the environment variable KUBECONFIG.',
  );
}

function explicitSource(source: KubeconfigSource): ResolvedKubeconfigSource {
  const keys = Object.keys(source ?? {});
  if (keys.length !== 1) {
    throw invalid(
      `The kubeconfig option needs exactly one of path, yaml, object, inCluster (got ${keys.join(', ') || 'none'}).`,
    );
  }
  if ('path' in source) {
    const paths = typeof source.path === 'string' ? [source.path] : [...source.path];
    requireText(paths.join(''), 'kubeconfig.path');
    return { kind: 'paths', paths, origin: `kubeconfig.path (${paths.join(delimiter)})` };
  }
  if ('yaml' in source) {
    requireText(source.yaml, 'kubeconfig.yaml');
    return { kind: 'yaml', text: source.yaml, origin: 'kubeconfig.yaml' };
  }
  if ('object' in source) {
    return { kind: 'object', object: source.object, origin: 'kubeconfig.object' };
  }
  if ('inCluster' in source) {
    const prefix = source.inCluster === true ? '' : (source.inCluster.pathPrefix ?? '');
    return { kind: 'in-cluster', pathPrefix: prefix, origin: 'in-cluster service account' };
  }
  throw invalid(`Unknown kubeconfig source ${keys[0]}; use path, yaml, object or inCluster.`);
}

function secretsSource(secrets: ClusterAccessOptions['secrets']): ResolvedKubeconfigSource | undefined {
  const record = camelizeKeys(secrets, 'secrets');
  if (record.kubeconfigStruct !== undefined) {
    if (record.kubeconfigStruct === null || typeof record.kubeconfigStruct !== 'object') {
      throw invalid('The secret kubeconfigStruct must be a parsed kubeconfig object.');
    }
    return { kind: 'object', object: record.kubeconfigStruct, origin: 'secrets.kubeconfigStruct' };
  }
  if (record.kubeconfigYaml !== undefined) {
    requireText(record.kubeconfigYaml, 'secrets.kubeconfigYaml');
    return { kind: 'yaml', text: record.kubeconfigYaml as string, origin: 'secrets.kubeconfigYaml' };
  }
  if (record.kubeconfigPath !== undefined) {
    requireText(record.kubeconfigPath, 'secrets.kubeconfigPath');
    const path = record.kubeconfigPath as string;
    return { kind: 'paths', paths: [path], origin: `secrets.kubeconfigPath (${path})` };
  }
  return undefined;
}

function requireText(value: unknown, name: string): void {
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalid(`${name} must be non-empty text.`);
  }
}

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'kubeconfig', message });
}
