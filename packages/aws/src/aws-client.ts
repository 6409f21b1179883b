import type { EC2Client, EC2ClientConfig } from '@aws-sdk/client-ec2';
import { sdkMaxAttempts } from '@chaosgarden/core';
import type { AwsSettings } from './aws-settings';

/** The loaded SDK module; imported on first use so that importing the plugin stays cheap. */
export type Ec2Sdk = typeof import('@aws-sdk/client-ec2');

export interface Ec2Connection {
  client: EC2Client;
  sdk: Ec2Sdk;
  region: string;
}

/** Connection and response timeouts: a hung request must not hang a roll-back. */
const requestHandler = { connectionTimeout: 10_000, requestTimeout: 60_000 };

/**
 * Builds the EC2 client of one public call (the Python tool did the same), importing the SDK lazily.
 *
 * - region and endpoint from `settings`; without an endpoint the SDK itself honours
 *   `AWS_ENDPOINT_URL_EC2` and `AWS_ENDPOINT_URL`;
 * - credentials: static ones from the secrets, else the named profile, else the default chain;
 *   with `assumeRole` those are the source credentials of an STS `AssumeRole`;
 * - `maxAttempts: sdkMaxAttempts`: no SDK-internal retries, core's `withRetries` does them (logged,
 *   abortable, and never for an emulator's "not implemented").
 */
export async function createEc2Connection(settings: AwsSettings): Promise<Ec2Connection> {
  const sdk = await import('@aws-sdk/client-ec2');
  const config: EC2ClientConfig = {
    region: settings.region,
    maxAttempts: sdkMaxAttempts,
    requestHandler,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(settings.profile === undefined ? {} : { profile: settings.profile }),
  };
  if (settings.assumeRole !== undefined) {
    config.credentials = await assumeRoleCredentials(settings, settings.assumeRole);
  } else if (settings.credentials !== undefined) {
    config.credentials = settings.credentials;
  }
  return { client: new sdk.EC2Client(config), sdk, region: settings.region };
}

async function assumeRoleCredentials(
  settings: AwsSettings,
  assumeRole: NonNullable<AwsSettings['assumeRole']>,
): Promise<NonNullable<EC2ClientConfig['credentials']>> {
  const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
  return fromTemporaryCredentials({
    params: { RoleArn: assumeRole.roleArn, RoleSessionName: assumeRole.sessionName },
    ...(settings.credentials === undefined ? {} : { masterCredentials: settings.credentials }),
    // STS honours AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL by itself.
    clientConfig: {
      region: settings.region,
      maxAttempts: sdkMaxAttempts,
      requestHandler,
      ...(settings.profile === undefined ? {} : { profile: settings.profile }),
    },
  });
}
