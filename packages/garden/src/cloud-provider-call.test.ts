import { describe, expect, it } from 'vitest';
import { applyProviderOptions } from './cloud-provider-call';

const mapping = {
  configuration: { awsRegion: 'us-east-1' },
  secrets: { awsAccessKeyId: 'AKIDEXAMPLE', awsSecretAccessKey: 'mapped-secret' },
};

describe('applyProviderOptions', () => {
  it('passes the mapping through when no provider options are given', () => {
    expect(applyProviderOptions(mapping, 'aws', undefined, undefined)).toEqual(mapping);
  });

  it('merges the options of the shoot provider over the mapping, in either spelling', () => {
    const merged = applyProviderOptions(
      mapping,
      'aws',
      {
        aws: { configuration: { aws_endpoint_url: 'http://127.0.0.1:5000' } },
        gcp: { configuration: { ignored: true } },
      },
      undefined,
    );
    expect(merged.configuration).toEqual({ awsRegion: 'us-east-1', awsEndpointUrl: 'http://127.0.0.1:5000' });
    expect(merged.secrets).toEqual(mapping.secrets);
  });

  it('lets the caller override a mapped value', () => {
    const merged = applyProviderOptions(
      mapping,
      'aws',
      { aws: { configuration: { awsRegion: 'eu-west-1' } } },
      undefined,
    );
    expect(merged.configuration.awsRegion).toBe('eu-west-1');
  });

  it('hands the configured Azure cloud to Azure plugins only', () => {
    expect(applyProviderOptions(mapping, 'azure', undefined, 'AZURE_CHINA_CLOUD').secrets.azureCloud).toBe(
      'AZURE_CHINA_CLOUD',
    );
    expect(
      applyProviderOptions(mapping, 'aws', undefined, 'AZURE_CHINA_CLOUD').secrets.azureCloud,
    ).toBeUndefined();
  });
});
