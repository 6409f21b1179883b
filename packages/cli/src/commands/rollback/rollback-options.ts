import {
  InvalidArgumentError,
  type LogFormat,
  validateRollbackTimeout,
  validateZone,
} from '@chaosgarden/core';

/** The flags of `chaosgarden rollback`, as commander parsed them. */
export interface RollbackFlags {
  provider?: string;
  zone?: string;
  run?: string;
  filterVpcs?: string;
  filterSubnets?: string;
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
  const filters = {
    ...(flags.filterVpcs === undefined ? {} : { vpcs: parseJson('--filter-vpcs', flags.filterVpcs) }),
    ...(flags.filterSubnets === undefined
      ? {}
      : { subnets: parseJson('--filter-subnets', flags.filterSubnets) }),
  };
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
