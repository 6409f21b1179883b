import { describe, expect, it } from 'vitest';
import { thresholdZones } from './shoot-health-probe';

describe('thresholdZones', () => {
  it('keeps named zones and sorts them', () => {
    const spec = { region: 'eu-west-1', provider: { workers: [{ zones: ['eu-west-1b', 'eu-west-1a'] }] } };
    expect(thresholdZones(spec)).toEqual(['eu-west-1a', 'eu-west-1b']);
  });

  it('prefixes all-digit zones with the region, as Azure nodes are labelled', () => {
    const spec = { region: 'westeurope', provider: { type: 'azure', workers: [{ zones: ['3', '1'] }] } };
    expect(thresholdZones(spec)).toEqual(['westeurope-1', 'westeurope-3']);
  });
});
