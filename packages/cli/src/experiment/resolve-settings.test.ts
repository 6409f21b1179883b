import { redactSecrets } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { parseExperimentText } from './parse-experiment-text';
import { parseVariable } from './parse-variables';
import { emptyVariables, resolveSettings, settingsLookup } from './resolve-settings';

const tree = parseExperimentText(
  JSON.stringify({
    configuration: {
      region: { type: 'env', key: 'REGION' },
      project: { type: 'env', key: 'PROJECT', default: 'fallback' },
      zone: 'a',
    },
    secrets: { cloud: { key_id: { type: 'env', key: 'KEY_ID' }, zone: 'from-secret', token: 'tok-123456' } },
  }),
  'e.json',
) as Map<string, never>;

describe('resolveSettings', () => {
  it('reads env entries, uses defaults, and looks up configuration before secrets', () => {
    const settings = resolveSettings(tree, emptyVariables(), { REGION: 'eu-1', KEY_ID: 'AKIA' });
    const lookup = settingsLookup(settings);
    expect([lookup('region'), lookup('project'), lookup('zone'), lookup('key_id'), lookup('none')]).toEqual([
      'eu-1',
      'fallback',
      'a',
      'AKIA',
      undefined,
    ]);
  });

  it('refuses an unset environment variable without default, naming the entry and the variable', () => {
    expect(() => resolveSettings(tree, emptyVariables(), { KEY_ID: 'x' })).toThrow(
      'configuration.region: the environment variable REGION is not set and the entry has no "default".',
    );
  });

  it('lays --var values over the configuration, converting typed ones', () => {
    const variables = parseVariable('zone=b', emptyVariables());
    parseVariable('count:int=3', variables);
    parseVariable('filters:json={"b":1,"a":2}', variables);
    const lookup = settingsLookup(resolveSettings(tree, variables, { REGION: 'r', KEY_ID: 'k' }));
    expect(lookup('zone')).toBe('b');
    expect(lookup('count')).toBe(3);
    expect([...(lookup('filters') as Map<string, number>).keys()]).toEqual(['b', 'a']);
    expect(() => parseVariable('count:int=x', emptyVariables())).toThrow(
      '--var count:int=x: "x" is not a valid int.',
    );
    expect(() => parseVariable('novalue', emptyVariables())).toThrow('expected name=value');
  });

  it('registers secret values so that log lines and errors redact them', () => {
    resolveSettings(tree, emptyVariables(), { REGION: 'r', KEY_ID: 'k' });
    expect(redactSecrets('token tok-123456 leaked')).not.toContain('tok-123456');
  });
});
