import {
  InvalidArgumentError,
  type LogFormat,
  validateRollbackTimeout,
  validateZone,
} from '@chaosgarden/core';

/**
 * The flags of `chaosgarden rollback`, as commander parsed them. The `--filter-<key>` flags are the
 * plugin's (`capabilities.reconcileFilters`): commander gives them as `filter<Key>` (`filterVpcs`), or, when
 * it did not know them, leaves them among the `extraArguments`.
 */
export interface RollbackFlags {
  provider?: string;
  zone?: string;
  run?: string;
  [filterFlag: `filter${string}`]: string | undefined;
  /** What commander could not place (unknown options and their values). */
  extraArguments?: readonly string[];
  config?: string[];
  kubeconfig?: string;
  stateDir?: string;
  dryRun?: boolean;
  rollbackTimeout?: string;
  logFormat?: LogFormat;
}

/** What to reconcile, checked before any plugin is loaded or any call made. */
export interface RollbackRequest {
  provider: string | undefined;
  zone: string | undefined;
  runId: string | undefined;
  filters: Record<string, unknown> | undefined;
  configuration: Record<string, string> | undefined;
  kubeconfig: string | undefined;
  stateDirectory: string | undefined;
  dryRun: boolean;
  /** Seconds the roll-back may retry before it gives up (negative: no deadline). Default 600. */
  rollbackTimeoutSeconds: number;
}

/**
 * Checks the flags. Filters and configuration belong to one cloud plugin, so they need `--provider`.
 *
 * @throws InvalidArgumentError for malformed JSON, a `--config` without `=`, or filters without a provider.
 */
export function rollbackRequest(flags: RollbackFlags): RollbackRequest {
  const filters: Record<string, unknown> = {};
  for (const [key, text] of filterTexts(flags)) filters[key] = parseJson(filterFlag(key), text);
  const configuration = flags.config === undefined ? undefined : parsePairs(flags.config);
  const hasFilters = Object.keys(filters).length > 0;
  if ((hasFilters || configuration !== undefined) && flags.provider === undefined) {
    throw new InvalidArgumentError({
      argument: 'provider',
      message:
        '--filter-… and --config belong to one cloud plugin: name it with --provider (e.g. --provider aws).',
    });
  }
  return {
    provider: flags.provider,
    zone: flags.zone === undefined ? undefined : validateZone(flags.zone),
    runId: flags.run,
    filters: hasFilters ? filters : undefined,
    configuration,
    kubeconfig: flags.kubeconfig,
    stateDirectory: flags.stateDir,
    dryRun: flags.dryRun === true,
    rollbackTimeoutSeconds: validateRollbackTimeout(
      flags.rollbackTimeout === undefined || flags.rollbackTimeout.trim() === ''
        ? undefined
        : Number(flags.rollbackTimeout),
      '--rollback-timeout',
    ),
  };
}

/** `--filter-<key>` of a filter key: `subnets` → `--filter-subnets`, `securityGroups` → `--filter-security-groups`. */
export function filterFlag(key: string): string {
  return `--filter-${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
}

/** The filter flags given, as filter key → JSON text, from commander's options and the extra arguments. */
function filterTexts(flags: RollbackFlags): Map<string, string> {
  const texts = new Map<string, string>();
  for (const [name, value] of Object.entries(flags)) {
    const match = /^filter([A-Z]\w*)$/.exec(name);
    if (match?.[1] !== undefined && typeof value === 'string') {
      texts.set(match[1].charAt(0).toLowerCase() + match[1].slice(1), value);
    }
  }
  const extra = flags.extraArguments ?? [];
  for (let index = 0; index < extra.length; index += 1) {
    const token = extra[index] ?? '';
    const match = /^--filter-([a-z0-9-]+)(?:=([\s\S]*))?$/.exec(token);
    if (match?.[1] === undefined) {
      throw new InvalidArgumentError({
        argument: token,
        message: `chaosgarden rollback takes no ${JSON.stringify(token)}; see chaosgarden rollback --help.`,
      });
    }
    const value = match[2] ?? extra[index + 1];
    if (match[2] === undefined) index += 1;
    if (value === undefined) {
      throw new InvalidArgumentError({ argument: token, message: `${token} takes a JSON value.` });
    }
    texts.set(
      match[1].replace(/-([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
      value,
    );
  }
  return texts;
}

function parseJson(flag: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: flag,
      message: `${flag} is not valid JSON (${(error as Error).message}); quote it for the shell, e.g. '[{"Name":"tag-key","Values":["k"]}]'.`,
    });
  }
}

function parsePairs(pairs: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const pair of pairs) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      throw new InvalidArgumentError({
        argument: '--config',
        message: `--config takes name=value (was ${JSON.stringify(pair)}), e.g. --config awsRegion=eu-west-1.`,
      });
    }
    result[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return result;
}
