import { InvalidArgumentError, redactSecrets } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { resolveAwsSettings } from './aws-settings';

describe('resolveAwsSettings', () => {
  it('takes the region from the configuration, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    expect(resolveAwsSettings({ awsRegion: 'eu-west-1' }, {}, { AWS_REGION: 'us-east-1' }).region).toBe(
      'eu-west-1',
    );
    expect(resolveAwsSettings({}, {}, { AWS_REGION: 'us-east-1', AWS_DEFAULT_REGION: 'x' }).region).toBe(
      'us-east-1',
    );
    expect(resolveAwsSettings(undefined, undefined, { AWS_DEFAULT_REGION: 'ap-south-1' }).region).toBe(
      'ap-south-1',
    );
  });

  it('fails with the Python tool’s message, saying what to pass, when no region is set anywhere', () => {
    expect(() => resolveAwsSettings({}, {}, {})).toThrow(InvalidArgumentError);
    expect(() => resolveAwsSettings({}, {}, { AWS_REGION: ' ' })).toThrow(
      /^AWS requires a region to be set! Pass configuration.awsRegion/,
    );
  });

  it('accepts the Python tool’s snake_case keys and defaults the session name to ChaosToolkit', () => {
    const settings = resolveAwsSettings(
      { aws_region: 'eu-west-1', aws_profile_name: 'chaos', aws_assume_role_arn: 'arn:aws:iam::1:role/r' },
      {
        aws_access_key_id: 'AKIAEXAMPLE',
        aws_secret_access_key: 'secret-value',
        aws_session_token: 'token-value',
      },
      {},
    );
    expect(settings).toMatchObject({
      region: 'eu-west-1',
      profile: 'chaos',
      assumeRole: { roleArn: 'arn:aws:iam::1:role/r', sessionName: 'ChaosToolkit' },
      credentials: {
        accessKeyId: 'AKIAEXAMPLE',
        secretAccessKey: 'secret-value',
        sessionToken: 'token-value',
      },
    });
  });

  it('registers the credentials so that they are redacted everywhere', () => {
    resolveAwsSettings(
      { awsRegion: 'r' },
      { awsAccessKeyId: 'AKIAREDACTME', awsSecretAccessKey: 'very-secret-key' },
      {},
    );
    expect(redactSecrets('AKIAREDACTME / very-secret-key')).toBe('*** / ***');
  });

  it('leaves credentials to the default chain when the secrets have none, and refuses half of a pair', () => {
    expect(resolveAwsSettings({ awsRegion: 'r' }, {}, {}).credentials).toBeUndefined();
    expect(() => resolveAwsSettings({ awsRegion: 'r' }, { awsSecretAccessKey: 'x' }, {})).toThrow(
      /go together/,
    );
    expect(() => resolveAwsSettings({ awsRegion: 'r' }, { awsSessionToken: 'token' }, {})).toThrow(
      InvalidArgumentError,
    );
  });

  it('checks the endpoint URL and the type of every value', () => {
    expect(
      resolveAwsSettings({ awsRegion: 'r', awsEndpointUrl: 'http://127.0.0.1:5000' }, {}, {}).endpoint,
    ).toBe('http://127.0.0.1:5000');
    expect(() => resolveAwsSettings({ awsRegion: 'r', awsEndpointUrl: '127.0.0.1:5000' }, {}, {})).toThrow(
      /http/,
    );
    expect(() => resolveAwsSettings({ awsRegion: 42 }, {}, {})).toThrow(
      /configuration.awsRegion must be a string/,
    );
  });

  it('ignores other experiment configuration but warns about AWS-looking keys it does not know', () => {
    const settings = resolveAwsSettings(
      { awsRegion: 'r', garden_project: 'p', aws_zone: 'r-1a', aws_regoin: 'typo' },
      { kubeconfig_path: '/k' },
      {},
    );
    expect(settings.warnings).toEqual([
      expect.stringContaining('configuration.awsRegoin is not an AWS setting'),
    ]);
  });
});
