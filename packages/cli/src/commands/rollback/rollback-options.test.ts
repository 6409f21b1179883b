import { InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { rollbackRequest } from './rollback-options';

describe('rollbackRequest', () => {
  it('takes no flags at all: the ledgers say what to look for', () => {
    expect(rollbackRequest({})).toEqual({
      provider: undefined,
      zone: undefined,
      runId: undefined,
      filters: undefined,
      configuration: undefined,
      kubeconfig: undefined,
      stateDirectory: undefined,
      dryRun: false,
      rollbackTimeoutSeconds: 600,
    });
  });

  it('takes --rollback-timeout in seconds, negative for none, and refuses 0 or a word', () => {
    expect(rollbackRequest({ rollbackTimeout: '2.5' }).rollbackTimeoutSeconds).toBe(2.5);
    expect(rollbackRequest({ rollbackTimeout: '-1' }).rollbackTimeoutSeconds).toBe(-1);
    expect(() => rollbackRequest({ rollbackTimeout: '0' })).toThrow(/--rollback-timeout must be a number/);
    expect(() => rollbackRequest({ rollbackTimeout: 'soon' })).toThrow(InvalidArgumentError);
  });

  it('parses filters and configuration pairs for a named provider', () => {
    const request = rollbackRequest({
      provider: 'aws',
      zone: 'eu-west-1a',
      filterVpcs: '[{"Name":"tag-key","Values":["k"]}]',
      config: ['awsRegion=eu-west-1', 'awsEndpointUrl=http://127.0.0.1:5000/?a=b'],
      dryRun: true,
    });
    expect(request.filters).toEqual({ vpcs: [{ Name: 'tag-key', Values: ['k'] }] });
    expect(request.configuration).toEqual({
      awsRegion: 'eu-west-1',
      awsEndpointUrl: 'http://127.0.0.1:5000/?a=b',
    });
    expect(request.dryRun).toBe(true);
  });

  it.each([
    [{ filterVpcs: '[]' }, /name it with --provider/],
    [{ config: ['awsRegion=x'] }, /name it with --provider/],
    [{ provider: 'aws', filterSubnets: '[{' }, /--filter-subnets is not valid JSON/],
    [{ provider: 'aws', config: ['awsRegion'] }, /--config takes name=value/],
    [{ zone: '' }, /zone/i],
  ])('refuses %j before anything runs', (flags, message) => {
    expect(() => rollbackRequest(flags)).toThrow(message);
    expect(() => rollbackRequest(flags)).toThrow(InvalidArgumentError);
  });
  it("takes a plugin's --filter-<key> flags commander did not know, and refuses any other unknown flag", () => {
    const request = rollbackRequest({
      provider: 'gcp',
      extraArguments: ['--filter-firewall-rules', '{"a":1}', '--filter-instances=[]'],
    });
    expect(request.filters).toEqual({ firewallRules: { a: 1 }, instances: [] });
    expect(() => rollbackRequest({ provider: 'aws', extraArguments: ['--zonee', 'x'] })).toThrow(
      'chaosgarden rollback takes no "--zonee"',
    );
    expect(() => rollbackRequest({ provider: 'aws', extraArguments: ['--filter-vpcs'] })).toThrow(
      '--filter-vpcs takes a JSON value.',
    );
    expect(() => rollbackRequest({ extraArguments: ['--filter-vpcs', '[]'] })).toThrow(
      /name it with --provider/,
    );
  });
});
