import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { validateZone } from './validate-zone';

describe('validateZone', () => {
  it('returns a zone name unchanged', () => {
    expect(validateZone('eu-west-1a')).toBe('eu-west-1a');
  });

  it.each([[null], [undefined], ['']])('reports %j as not set, with an example', (zone) => {
    expect(() => validateZone(zone)).toThrow(
      "Zone not set (must be set)! Pass the zone name, e.g. zone: 'eu-west-1a'.",
    );
  });

  it.each([['   '], [0], [1], [{}]])('rejects %j as not a zone name', (zone) => {
    const attempt = () => validateZone(zone);
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(/Zone must be a non-empty zone name/);
  });
});
