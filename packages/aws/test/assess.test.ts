import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudApiError, createMemoryLogger } from '@chaosgarden/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { type AwsConfiguration, type AwsSecrets, assessFiltersImpact } from '../src/index';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { clusterFilters, clusterTagKey } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';

const connection = motoConnection();
useTemporaryStateDirectory();

describe('assessFiltersImpact and the client settings against moto', () => {
  const moto = useMotoFixture(connection, 'all');
  let proxy: FaultProxy;

  beforeAll(async () => {
    proxy = await startFaultProxy(connection.endpoint);
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('lists the zone’s matching instances, the matching VPCs and their subnets in the zone, and logs them as the Python tool did', async () => {
    const logger = createMemoryLogger();
    const result = await assessFiltersImpact({
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger,
    });
    const ids = (kind: string) =>
      result.targets.filter((target) => target.kind === kind).map((target) => target.id);
    const instances = moto.fixture.instances.filter(
      (instance) => instance.zone === moto.fixture.zones[0] && instance.tagged,
    );
    expect(ids('instance')).toEqual(instances.map((instance) => instance.id).sort());
    expect(ids('vpc')).toEqual([moto.fixture.vpcs.a, moto.fixture.vpcs.b].sort());
    const subnets = moto.fixture.subnets.filter(
      (subnet) =>
        subnet.zone === moto.fixture.zones[0] && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c,
    );
    expect(ids('subnet')).toEqual(subnets.map((subnet) => subnet.id).sort());
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages[0]).toBe(
      `Validating client credentials and listing probably impacted instances and/or networks with the given arguments zone='${moto.fixture.zones[0]}' and filters={'instances': [{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}], 'vpcs': [{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}], 'subnets': [{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}]}:`,
    );
    expect(messages.slice(1, 5)).toEqual([
      '3 instance(s) would be impacted:',
      ...ids('instance').map((id) => `- ${id}`),
    ]);
    expect(messages).toContain('2 VPC(s) would be impacted:');
    expect(messages).toContain('11 subnet(s) would be impacted:');
  });

  it('does not retry what the emulator does not implement, and says so', async () => {
    proxy.requests.length = 0;
    const logger = createMemoryLogger();
    const error = await assessFiltersImpact({
      zone: moto.fixture.zones[0],
      filters: { instances: [{ Name: 'no-such-filter', Values: ['x'] }] },
      ...pluginAccess(connection, proxy.url),
      logger,
    }).catch((failure: unknown) => failure);
    expect(CloudApiError.isInstance(error)).toBe(true);
    expect((error as CloudApiError).isRetryable).toBe(false);
    expect(String(error)).toContain('retrying will not help');
    expect(proxy.requests.map((request) => request.action)).toEqual(['DescribeInstances']);
    expect(logger.entries.filter((entry) => entry.message.startsWith('Retrying'))).toEqual([]);
  });

  it('signs with the static credentials from the secrets and never shows the secret', async () => {
    proxy.requests.length = 0;
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
    proxy.inject({
      action: 'DescribeVpcs',
      times: 1,
      status: 401,
      code: 'AuthFailure',
      message: `Bad signature for ${secret}`,
    });
    const error = await assessFiltersImpact({
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      // The Python tool's spelling, as an experiment file has it (the types only name the camelCase keys).
      configuration: { aws_region: connection.region, aws_endpoint_url: proxy.url } as AwsConfiguration,
      secrets: { aws_access_key_id: 'AKIASTATICKEY', aws_secret_access_key: secret } as AwsSecrets,
      logger: createMemoryLogger(),
    }).catch((failure: unknown) => failure);
    expect(proxy.requests[0]?.accessKeyId).toBe('AKIASTATICKEY');
    expect(CloudApiError.isInstance(error)).toBe(true);
    expect(String(error)).not.toContain(secret);
    expect(String(error)).toContain('Bad signature for ***');
    expect(String(error)).toContain('Check the credentials');
  });

  describe('with the environment', () => {
    const directory = mkdtempSync(join(tmpdir(), 'chaosgarden-aws-profile-'));
    const saved = new Map<string, string | undefined>();
    const setEnv = (name: string, value: string | undefined) => {
      if (!saved.has(name)) {
        saved.set(name, process.env[name]);
      }
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    };
    beforeAll(() => {
      writeFileSync(
        join(directory, 'credentials'),
        '[chaos]\naws_access_key_id = AKIAPROFILEKEY\naws_secret_access_key = profile-secret\n',
      );
      writeFileSync(join(directory, 'config'), '');
      setEnv('AWS_SHARED_CREDENTIALS_FILE', join(directory, 'credentials'));
      setEnv('AWS_CONFIG_FILE', join(directory, 'config'));
      setEnv('AWS_EC2_METADATA_DISABLED', 'true');
      setEnv('AWS_PROFILE', undefined);
    });
    afterAll(() => {
      for (const [name, value] of saved) {
        setEnv(name, value);
      }
      rmSync(directory, { recursive: true, force: true });
    });
    const assess = (configuration: Record<string, unknown>, secrets?: Record<string, unknown>) =>
      assessFiltersImpact({
        zone: moto.fixture.zones[0],
        filters: clusterFilters(),
        configuration: { awsRegion: connection.region, ...configuration },
        ...(secrets === undefined ? {} : { secrets }),
        logger: createMemoryLogger(),
      });

    it('reads the EC2 endpoint from AWS_ENDPOINT_URL_EC2 when no awsEndpointUrl is given', async () => {
      proxy.requests.length = 0;
      setEnv('AWS_ENDPOINT_URL_EC2', proxy.url);
      try {
        await assess({}, pluginAccess(connection).secrets);
      } finally {
        setEnv('AWS_ENDPOINT_URL_EC2', undefined);
      }
      expect(proxy.requests.map((request) => request.action)).toContain('DescribeInstances');
    });

    it('uses the default credential chain without secrets, and the named profile with awsProfileName', async () => {
      setEnv('AWS_ACCESS_KEY_ID', 'AKIAENVIRONMENT');
      setEnv('AWS_SECRET_ACCESS_KEY', 'environment-secret');
      try {
        proxy.requests.length = 0;
        await assess({ awsEndpointUrl: proxy.url });
        expect(proxy.requests[0]?.accessKeyId).toBe('AKIAENVIRONMENT');
      } finally {
        setEnv('AWS_ACCESS_KEY_ID', undefined);
        setEnv('AWS_SECRET_ACCESS_KEY', undefined);
      }
      proxy.requests.length = 0;
      await assess({ awsEndpointUrl: proxy.url, awsProfileName: 'chaos' });
      expect(proxy.requests[0]?.accessKeyId).toBe('AKIAPROFILEKEY');
    });

    it('assumes awsAssumeRoleArn with STS, signed with the given credentials, and uses the role’s credentials', async () => {
      proxy.requests.length = 0;
      setEnv('AWS_ENDPOINT_URL_STS', proxy.url);
      try {
        await assess(
          { awsEndpointUrl: proxy.url, awsAssumeRoleArn: 'arn:aws:iam::123456789012:role/chaos' },
          { awsAccessKeyId: 'AKIASOURCEKEY', awsSecretAccessKey: 'source-secret' },
        );
      } finally {
        setEnv('AWS_ENDPOINT_URL_STS', undefined);
      }
      const [assumeRole, ...ec2Calls] = proxy.requests;
      expect(assumeRole?.action).toBe('AssumeRole');
      expect(assumeRole?.accessKeyId).toBe('AKIASOURCEKEY');
      expect(new URLSearchParams(assumeRole?.body).get('RoleSessionName')).toBe('ChaosToolkit');
      expect(ec2Calls.length).toBeGreaterThan(0);
      for (const call of ec2Calls) {
        expect(call.accessKeyId).toMatch(/^[A-Z0-9]+$/);
        expect(call.accessKeyId).not.toBe('AKIASOURCEKEY');
      }
    });
  });
});
