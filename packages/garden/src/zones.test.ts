import { InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { podZones, resolveZone, workerZones } from './zones';

const awsSpec = {
  region: 'eu-west-1',
  provider: {
    type: 'aws',
    workers: [{ zones: ['eu-west-1c', 'eu-west-1a'] }, { zones: ['eu-west-1b', 'eu-west-1a'] }],
  },
};
const azureSpec = { region: 'westeurope', provider: { type: 'azure', workers: [{ zones: ['2', '1'] }] } };

function failure(run: () => unknown): InvalidArgumentError {
  try {
    run();
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an InvalidArgumentError');
}

describe('workerZones and podZones', () => {
  it('unites the zones of all worker pools, sorted and without duplicates', () => {
    expect(workerZones(awsSpec)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    expect(podZones(awsSpec)).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });

  it('prefixes Azure zones with the region for pods, as Azure labels its nodes', () => {
    expect(workerZones(azureSpec)).toEqual(['1', '2']);
    expect(podZones(azureSpec)).toEqual(['westeurope-1', 'westeurope-2']);
  });

  it('gives no zones for a shoot without workers', () => {
    expect(workerZones({ provider: { type: 'aws' } })).toEqual([]);
    expect(workerZones(undefined)).toEqual([]);
  });
});

describe('resolveZone', () => {
  const zones = ['eu-west-1b', 'eu-west-1a', 'eu-west-1c'];

  it('maps an index to the name at that place of the sorted list', () => {
    expect(resolveZone(0, zones)).toBe('eu-west-1a');
    expect(resolveZone(2, zones)).toBe('eu-west-1c');
  });

  it('accepts a known zone name as it is', () => {
    expect(resolveZone('eu-west-1b', zones)).toBe('eu-west-1b');
  });

  it('sorts lexicographically, as the Python tool did', () => {
    expect(resolveZone(1, ['2', '10', '1'])).toBe('10');
  });

  it('refuses an index out of bounds and lists the known zones', () => {
    const error = failure(() => resolveZone(3, zones));
    expect(error.argument).toBe('zone');
    expect(error.message).toContain(
      'Zone index 3 out of bounds (known zones are eu-west-1a, eu-west-1b, eu-west-1c)!',
    );
    expect(failure(() => resolveZone(-1, zones)).message).toContain('out of bounds');
    expect(failure(() => resolveZone(1.5, zones)).message).toContain('out of bounds');
  });

  it('refuses an unknown name, a numeric string and a missing zone, listing the known zones', () => {
    expect(failure(() => resolveZone('eu-west-1d', zones)).message).toBe(
      'Zone designator eu-west-1d not recognised (known zones are eu-west-1a, eu-west-1b, eu-west-1c)!',
    );
    expect(failure(() => resolveZone('0', zones)).message).toContain('Zone designator 0 not recognised');
    expect(failure(() => resolveZone(undefined, zones)).message).toContain('Zone designator None');
    expect(failure(() => resolveZone(null, zones)).message).toContain('Zone designator None');
  });

  it('says so when the shoot has no zones at all', () => {
    expect(failure(() => resolveZone(0, [])).message).toContain('known zones are none');
  });
});
