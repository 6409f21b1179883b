import { describe, expect, it } from 'vitest';
import { matchesSelector } from './match-selector';
import { parseSelector } from './parse-selector';

const labels = { app: 'kube-apiserver-xyz', tier: 'control-plane', empty: '' };
const matches = (selector: string, target: Record<string, unknown> | undefined = labels, strict = false) =>
  matchesSelector(parseSelector(selector, { argument: 'podNodeLabelSelector', strict }), target);

describe('matchesSelector (Python semantics)', () => {
  it.each([
    ['app==kube-apiserver-xyz', true],
    ['app=kube-apiserver', false],
    ['missing=x', false],
    ['app!=kube-apiserver-xyz', false],
    ['app!=other', true],
    ['missing!=x', true],
    ['app=~kube-apiserver', true],
    ['app=~apiserver', false],
    ['app=~kube-apiserver$', false],
    ['app=~kube-apiserver-xyz$', true],
    ['app=~kube-(api|sched)', true],
    ['missing=~.*', false],
    ['app!~kube-apiserver', false],
    ['app!~apiserver', true],
    ['missing!~.*', true],
  ])('%s → %s', (selector, expected) => {
    expect(matches(selector)).toBe(expected);
  });

  it('needs every requirement to match', () => {
    expect(matches('app=~kube,tier=control-plane')).toBe(true);
    expect(matches('app=~kube,tier=worker')).toBe(false);
  });

  it('matches everything with an empty selector, also an absent map', () => {
    expect(matches('', undefined)).toBe(true);
    expect(matches('a!=b', undefined)).toBe(true);
    expect(matches('a=b', undefined)).toBe(false);
  });

  it('treats values that are not text as non-matching, as the Python tool saw them', () => {
    const owner = { kind: 'ReplicaSet', controller: true, generation: 3, extra: null, nested: { a: 'b' } };
    expect(matches('controller==true', owner)).toBe(false);
    expect(matches('controller!=true', owner)).toBe(true);
    expect(matches('controller=~t', owner)).toBe(false);
    expect(matches('controller!~t', owner)).toBe(true);
    expect(matches('generation=3', owner)).toBe(false);
    expect(matches('extra!=x', owner)).toBe(true);
    expect(matches('nested=~.', owner)).toBe(false);
  });

  it('does not see timestamp fields as text unless strict', () => {
    const metadata = { name: 'web', creationTimestamp: '2024-01-01T00:00:00Z' };
    const selector = (strict: boolean) =>
      parseSelector('creationTimestamp=~2024-.*', { argument: 'podMetadataSelector', strict });
    const nonTextKeys = new Set(['creationTimestamp']);
    expect(matchesSelector(selector(false), metadata, { nonTextKeys })).toBe(false);
    expect(matchesSelector(selector(true), metadata, { nonTextKeys })).toBe(true);
  });

  it('does not follow inherited properties', () => {
    expect(matches('constructor=~.', {})).toBe(false);
    expect(matches('toString!=x', {})).toBe(true);
  });
});

describe('matchesSelector (strict semantics)', () => {
  it('requires regexes to match the whole value', () => {
    expect(matches('app=~kube-apiserver', labels, true)).toBe(false);
    expect(matches('app=~kube-apiserver.*', labels, true)).toBe(true);
    expect(matches('app!~kube-apiserver', labels, true)).toBe(true);
  });

  it('compares booleans and numbers by their text', () => {
    const owner = { controller: true, generation: 3 };
    expect(matches('controller==true', owner, true)).toBe(true);
    expect(matches('controller!=true', owner, true)).toBe(false);
    expect(matches('generation=~[0-9]+', owner, true)).toBe(true);
  });

  it('keeps the other rules: a missing key fails == and passes !=', () => {
    expect(matches('missing=x', labels, true)).toBe(false);
    expect(matches('missing!~x', labels, true)).toBe(true);
  });
});
