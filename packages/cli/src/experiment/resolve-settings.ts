import { type OrderedJsonValue, registerSecrets, toPlainJson } from '@chaosgarden/core';
import { ExperimentError } from './experiment-error';
import type { Lookup } from './substitute';

/** Configuration and secrets with environment references resolved and variables applied. */
export interface ResolvedSettings {
  configuration: Map<string, OrderedJsonValue>;
  /** Scope name → key → value. */
  secrets: Map<string, Map<string, OrderedJsonValue>>;
}

/** Values given on the command line (`--var`) or in `--var-file`s, applied over the experiment's. */
export interface Variables {
  configuration: Map<string, OrderedJsonValue>;
  secrets: Map<string, Map<string, OrderedJsonValue>>;
}

export function emptyVariables(): Variables {
  return { configuration: new Map(), secrets: new Map() };
}

/**
 * Resolves `{"type": "env", "key": …, "default": …}` entries of the configuration and of every
 * secret scope, then lays the variables over them. Secret values are registered for redaction.
 *
 * @throws ExperimentError naming the entry whose environment variable is unset and has no default.
 */
export function resolveSettings(
  tree: Map<string, OrderedJsonValue>,
  variables: Variables,
  env: Readonly<Record<string, string | undefined>>,
): ResolvedSettings {
  const configuration = resolveEntries(tree.get('configuration'), 'configuration', env);
  for (const [key, value] of variables.configuration) configuration.set(key, value);
  const secrets = new Map<string, Map<string, OrderedJsonValue>>();
  const scopes = tree.get('secrets');
  if (scopes instanceof Map) {
    for (const [scope, entries] of scopes) {
      secrets.set(scope, resolveEntries(entries, `secrets.${scope}`, env));
    }
  }
  for (const [scope, entries] of variables.secrets) {
    const target = secrets.get(scope) ?? new Map<string, OrderedJsonValue>();
    for (const [key, value] of entries) target.set(key, value);
    secrets.set(scope, target);
  }
  for (const scope of secrets.values()) registerSecrets(toPlainJson(scope));
  return { configuration, secrets };
}

function resolveEntries(
  entries: OrderedJsonValue | undefined,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): Map<string, OrderedJsonValue> {
  const resolved = new Map<string, OrderedJsonValue>();
  if (!(entries instanceof Map)) return resolved;
  for (const [key, value] of entries) {
    resolved.set(key, resolveValue(value, `${path}.${key}`, env));
  }
  return resolved;
}

function resolveValue(
  value: OrderedJsonValue,
  path: string,
  env: Readonly<Record<string, string | undefined>>,
): OrderedJsonValue {
  if (!(value instanceof Map) || typeof value.get('type') !== 'string') return value;
  const type = value.get('type');
  if (type !== 'env') {
    throw new ExperimentError(
      `${path}: values of type "${String(type)}" are not supported; use a literal or {"type": "env", "key": "NAME"}.`,
      { issues: [{ path, message: `unsupported type ${String(type)}` }] },
    );
  }
  const key = value.get('key');
  if (typeof key !== 'string' || key === '') {
    throw new ExperimentError(`${path}: an env entry needs "key", the environment variable's name.`, {
      issues: [{ path: `${path}.key`, message: 'must be a non-empty string' }],
    });
  }
  const found = env[key];
  if (found !== undefined) return found;
  if (value.has('default')) return value.get('default') ?? null;
  throw new ExperimentError(
    `${path}: the environment variable ${key} is not set and the entry has no "default". Set ${key} or add a default.`,
    { issues: [{ path, message: `environment variable ${key} is not set` }] },
  );
}

/** `${name}` lookup: configuration first, then the secret scopes in file order. */
export function settingsLookup(settings: ResolvedSettings): Lookup {
  return (name) => {
    if (settings.configuration.has(name)) return settings.configuration.get(name);
    for (const scope of settings.secrets.values()) {
      if (scope.has(name)) return scope.get(name);
    }
    return undefined;
  };
}
