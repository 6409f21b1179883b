import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { filterHash } from './filter-hash';
import { parseJsonPreservingOrder } from './parse-json-preserving-order';
import { pythonRepr } from './python-repr';

// Every row of the spec's §1.8 table (technical id shoot--my-project--my-shoot).
const awsSubnets = [{ Name: 'tag-key', Values: ['kubernetes.io/cluster/shoot--my-project--my-shoot'] }];
const azureFilter = 'where tags contains "kubernetes.io-cluster-shoot--my-project--my-shoot"';
const gcpFilter = 'labels.k8s-cluster-name=shoot--my-project--my-shoot';
const openstackServers = { metadata: 'kubernetes.io-cluster-shoot--my-project--my-shoot' };
const vsphereMachines = {
  custom_attributes: { 'mcm.gardener.cloud/cluster': 'shoot--my-project--my-shoot' },
  resource_pools: ['gardener-{zone}'],
  clusters: [],
};

describe('filterHash reproduces the spec vectors', () => {
  it.each([
    [
      'AWS subnets filter',
      awsSubnets,
      "[{'Name': 'tag-key', 'Values': ['kubernetes.io/cluster/shoot--my-project--my-shoot']}]",
      '82f6069993f70d94',
    ],
    ['absent AWS subnets filter', [], '[]', 'd751713988987e93'],
    ['OpenStack servers filter', openstackServers, pythonRepr(openstackServers), 'bfde46883a589b2c'],
    ['absent OpenStack servers filter', {}, '{}', '99914b932bd37a50'],
    [
      'vSphere virtual machines filter',
      vsphereMachines,
      "{'custom_attributes': {'mcm.gardener.cloud/cluster': 'shoot--my-project--my-shoot'}, " +
        "'resource_pools': ['gardener-{zone}'], 'clusters': []}",
      'c8f170059c1e12ed',
    ],
  ])('hashes the Python repr of the %s', (_label, filter, rendering, hash) => {
    expect(pythonRepr(filter)).toBe(rendering);
    expect(filterHash(filter)).toBe(hash);
  });

  it.each([
    ['Azure virtual machines filter', azureFilter, '9685c8329173759f'],
    ['empty string', '', 'd41d8cd98f00b204'],
    ['GCP instances filter', gcpFilter, 'e70392b50b3a512e'],
  ])('hashes the %s as the string itself', (_label, filter, hash) => {
    expect(filterHash(filter)).toBe(hash);
  });

  it('gives the same hash for a filter parsed from the JSON of an experiment file', () => {
    const parsed = parseJsonPreservingOrder(
      '{"custom_attributes":{"mcm.gardener.cloud/cluster":"shoot--my-project--my-shoot"},' +
        '"resource_pools":["gardener-{zone}"],"clusters":[]}',
    );
    expect(filterHash(parsed)).toBe('c8f170059c1e12ed');
  });

  it('distinguishes a float written as 1.0 from the integer 1, as Python does', () => {
    expect(filterHash(parseJsonPreservingOrder('{"a": 1.0}'))).not.toBe(filterHash({ a: 1 }));
    expect(pythonRepr(parseJsonPreservingOrder('{"a": 1.0}'))).toBe("{'a': 1.0}");
  });

  it('refuses a string with a lone surrogate, which Python could not have hashed', () => {
    expect(() => filterHash('abc\ud800')).toThrow(InvalidArgumentError);
  });
});
