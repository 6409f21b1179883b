import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { checkFilterHash } from './check-filter-hash';
import { checkNamePart } from './check-name-part';
import { filterHash } from './filter-hash';

describe('the parts of an artefact name', () => {
  it('refuses a value that is not a filter hash, so a roll-back cannot silently miss artefacts', () => {
    expect(checkFilterHash(filterHash([]))).toBe('d751713988987e93');
    expect(() => checkFilterHash('[]')).toThrow(/16-character/);
    expect(() => checkFilterHash('[]')).toThrow(InvalidArgumentError);
  });

  it('refuses an empty zone, region or id', () => {
    expect(checkNamePart('zone', 'eu-de-1a')).toBe('eu-de-1a');
    expect(() => checkNamePart('zone', ' ')).toThrow('zone must be a non-empty string.');
  });
});
