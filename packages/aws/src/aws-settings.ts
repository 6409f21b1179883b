import { camelizeKeys, InvalidArgumentError, registerSecrets } from '@chaosgarden/core';

/** The configuration and secrets of one call, checked and resolved; no SDK involved yet. */
export interface AwsSettings {
  region: string;
  /** From `configuration.awsEndpointUrl`; `undefined` lets the SDK read `AWS_ENDPOINT_URL_EC2`/`AWS_ENDPOINT_URL`. */
  endpoint: string | undefined;
  profile: string | undefined;
  assumeRole: { roleArn: string; sessionName: string } | undefined;
  /** Static credentials from the secrets; `undefined` means the SDK's default chain (or the profile). */
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } | undefined;
  /** Hints about keys that look like misspelled AWS settings. */
  warnings: string[];
}

const configurationKeys = [
  'awsRegion',
  'awsProfileName',
  'awsAssumeRoleArn',
  'awsAssumeRoleSessionName',
  'awsEndpointUrl',
] as const;
const secretKeys = ['awsAccessKeyId', 'awsSecretAccessKey', 'awsSessionToken'] as const;
/** Keys the Python experiments keep in the configuration for `${…}` substitution, not for the client. */
const knownNonClientKeys = new Set(['awsZone', 'awsFilters']);

/** The Python tool's default session name (chaostoolkit-aws). */
export const defaultAssumeRoleSessionName = 'ChaosToolkit';

/**
 * Reads `configuration` and `secrets` (camelCase or the Python tool's snake_case), registers the
 * credentials for redaction and resolves the region.
 *
 * @throws InvalidArgumentError for a missing region, a non-string value, an invalid endpoint URL, or an
 *   access key id without its secret (or the reverse).
 */
export function resolveAwsSettings(
  configuration: unknown,
  secrets: unknown,
  env: Readonly<Record<string, string | undefined>> = process.env,
): AwsSettings {
  const config = readStrings(
    camelizeKeys(configuration, 'configuration'),
    configurationKeys,
    'configuration',
  );
  const secret = readStrings(camelizeKeys(secrets, 'secrets'), secretKeys, 'secrets');
  registerSecrets(Object.values(secret.values));
  const region = config.values.awsRegion ?? nonEmpty(env.AWS_REGION) ?? nonEmpty(env.AWS_DEFAULT_REGION);
  if (region === undefined) {
    throw new InvalidArgumentError({
      argument: 'configuration.awsRegion',
      message:
        'AWS requires a region to be set! Pass configuration.awsRegion (Python: aws_region) or set AWS_REGION.',
    });
  }
  const roleArn = config.values.awsAssumeRoleArn;
  return {
    region,
    endpoint: checkEndpoint(config.values.awsEndpointUrl),
    profile: config.values.awsProfileName,
    assumeRole:
      roleArn === undefined
        ? undefined
        : { roleArn, sessionName: config.values.awsAssumeRoleSessionName ?? defaultAssumeRoleSessionName },
    credentials: staticCredentials(secret.values),
    warnings: [...config.warnings, ...secret.warnings],
  };
}

function readStrings<K extends string>(
  record: Record<string, unknown>,
  keys: readonly K[],
  where: string,
): { values: Partial<Record<K, string>>; warnings: string[] } {
  const values: Partial<Record<K, string>> = {};
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || value === null || value === '') {
      continue;
    }
    if (typeof value !== 'string') {
      throw new InvalidArgumentError({
        argument: `${where}.${key}`,
        message: `${where}.${key} must be a string (was ${typeof value}).`,
      });
    }
    values[key] = value;
  }
  const known = new Set<string>(keys);
  const warnings = Object.keys(record)
    .filter((key) => /^aws[A-Z]/.test(key) && !known.has(key) && !knownNonClientKeys.has(key))
    .map((key) => `${where}.${key} is not an AWS setting chaosgarden reads (known: ${keys.join(', ')}).`);
  return { values, warnings };
}

function staticCredentials(values: Partial<Record<(typeof secretKeys)[number], string>>) {
  const { awsAccessKeyId: accessKeyId, awsSecretAccessKey: secretAccessKey, awsSessionToken } = values;
  if (accessKeyId === undefined && secretAccessKey === undefined) {
    if (awsSessionToken !== undefined) {
      throw credentialsError('secrets.awsSessionToken needs secrets.awsAccessKeyId and awsSecretAccessKey.');
    }
    return undefined;
  }
  if (accessKeyId === undefined || secretAccessKey === undefined) {
    throw credentialsError(
      'secrets.awsAccessKeyId and secrets.awsSecretAccessKey go together; pass both, or neither to use the default AWS credential chain.',
    );
  }
  return {
    accessKeyId,
    secretAccessKey,
    ...(awsSessionToken === undefined ? {} : { sessionToken: awsSessionToken }),
  };
}

function credentialsError(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'secrets', message });
}

function checkEndpoint(endpoint: string | undefined): string | undefined {
  if (endpoint === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'configuration.awsEndpointUrl',
      message: `configuration.awsEndpointUrl must be an absolute http(s) URL such as http://127.0.0.1:5000 (was '${endpoint}').`,
      cause: error,
    });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidArgumentError({
      argument: 'configuration.awsEndpointUrl',
      message: `configuration.awsEndpointUrl must use http or https (was ${url.protocol}).`,
    });
  }
  return endpoint;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
