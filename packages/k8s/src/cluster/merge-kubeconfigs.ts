import { dirname, isAbsolute, join } from 'node:path';

/** A kubeconfig as parsed from YAML: plain data with kubectl's key spelling. */
export type RawMap = Record<string, unknown>;

/** A kubeconfig with the lists normalised, and the directory its relative paths are relative to. */
export interface RawKubeconfig {
  currentContext: string | undefined;
  clusters: Map<string, RawMap>;
  users: Map<string, RawMap>;
  contexts: Map<string, RawMap>;
}

const listKeys = { clusters: 'cluster', users: 'user', contexts: 'context' } as const;

/**
 * Reads a parsed kubeconfig document. Relative file references (certificate and key files, token
 * files, an exec command containing a `/`) are resolved against `baseDirectory`, as kubectl does.
 */
export function readKubeconfigDocument(document: unknown, baseDirectory: string | undefined): RawKubeconfig {
  const root = isMap(document) ? document : {};
  const result: RawKubeconfig = {
    currentContext: typeof root['current-context'] === 'string' ? root['current-context'] : undefined,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const [listKey, entryKey] of Object.entries(listKeys) as [keyof typeof listKeys, string][]) {
    const list = Array.isArray(root[listKey]) ? (root[listKey] as unknown[]) : [];
    for (const entry of list) {
      if (!isMap(entry) || typeof entry.name !== 'string' || result[listKey].has(entry.name)) {
        continue;
      }
      const body = isMap(entry[entryKey]) ? { ...(entry[entryKey] as RawMap) } : {};
      result[listKey].set(entry.name, baseDirectory === undefined ? body : absolutise(body, baseDirectory));
    }
  }
  return result;
}

/**
 * Merges kubeconfigs the way kubectl merges the files of `$KUBECONFIG`: the first file that sets
 * `current-context` wins, and for every cluster, user and context name the first file defining it wins.
 */
export function mergeKubeconfigs(documents: readonly RawKubeconfig[]): RawKubeconfig {
  const merged: RawKubeconfig = {
    currentContext: undefined,
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const document of documents) {
    merged.currentContext ??= document.currentContext || undefined;
    for (const listKey of Object.keys(listKeys) as (keyof typeof listKeys)[]) {
      for (const [name, body] of document[listKey]) {
        if (!merged[listKey].has(name)) {
          merged[listKey].set(name, body);
        }
      }
    }
  }
  return merged;
}

const fileKeys = ['certificate-authority', 'client-certificate', 'client-key', 'token-file', 'tokenFile'];

function absolutise(body: RawMap, baseDirectory: string): RawMap {
  for (const key of fileKeys) {
    const value = body[key];
    if (typeof value === 'string' && value !== '' && !isAbsolute(value)) {
      body[key] = join(baseDirectory, value);
    }
  }
  if (isMap(body.exec)) {
    const command = body.exec.command;
    if (typeof command === 'string' && command.includes('/') && !isAbsolute(command)) {
      body.exec = { ...body.exec, command: join(baseDirectory, command) };
    }
  }
  return body;
}

/** The directory relative paths in the kubeconfig file at `path` are relative to. */
export function kubeconfigDirectory(path: string): string {
  return dirname(path);
}

export function isMap(value: unknown): value is RawMap {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
