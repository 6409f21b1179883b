import { InvalidArgumentError, parseJsonPreservingOrder } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { parseThresholds, substituteZoneIndexes, tolerationOf } from './thresholds';

// hack/experiments/network.json of the Python tool, zone index 0 under test.
const network = {
  regional: { api: 15, 'web-hook': 15 },
  '0': { 'api-external': 120, 'dns-external': 120, 'pod-lifecycle': 120 },
  '!0': { 'api-external': 15, 'dns-external': 15, 'pod-lifecycle': 15 },
};

describe('thresholds', () => {
  it('looks tolerations up by zone name and regional', () => {
    const thresholds = parseThresholds({ regional: { api: 15 }, 'eu-west-1a': { 'api-external': 60 } });
    expect(tolerationOf(thresholds, 'api', 'regional')).toBe(15);
    expect(tolerationOf(thresholds, 'api-external', 'eu-west-1a')).toBe(60);
    expect(tolerationOf(thresholds, 'api-external', 'eu-west-1b')).toBe(0);
  });

  it('matches a negated selector for every other zone', () => {
    const thresholds = parseThresholds({
      'eu-west-1a': { 'dns-internal': 90 },
      '!eu-west-1a': { 'dns-internal': 10 },
    });
    expect(tolerationOf(thresholds, 'dns-internal', 'eu-west-1a')).toBe(90);
    expect(tolerationOf(thresholds, 'dns-internal', 'eu-west-1c')).toBe(10);
  });

  it('lets the first selector in order win', () => {
    const thresholds = parseThresholds({
      '!regional': { 'api-external': 5 },
      'zone-a': { 'api-external': 50 },
    });
    expect(tolerationOf(thresholds, 'api-external', 'zone-a')).toBe(5);
  });

  it('resolves zone indexes, also negated ones, against the zone list', () => {
    const thresholds = substituteZoneIndexes(parseThresholds(network), [
      'us-east-1a',
      'us-east-1b',
      'us-east-1c',
    ]);
    expect([...thresholds.selectors.keys()].sort()).toEqual(['!us-east-1a', 'regional', 'us-east-1a']);
    expect(tolerationOf(thresholds, 'api-external', 'us-east-1a')).toBe(120);
    expect(tolerationOf(thresholds, 'api-external', 'us-east-1b')).toBe(15);
    expect(tolerationOf(thresholds, 'web-hook', 'regional')).toBe(15);
  });

  it('keeps the document order of index selectors when given Maps (plain objects move them first)', () => {
    const text = '{"!regional": {"api-external": 15}, "0": {"api-external": 120.0}}';
    const ordered = substituteZoneIndexes(parseThresholds(parseJsonPreservingOrder(text)), ['us-east-1a']);
    expect([...ordered.selectors.keys()]).toEqual(['!regional', 'us-east-1a']);
    expect(tolerationOf(ordered, 'api-external', 'us-east-1a')).toBe(15);
    const plain = substituteZoneIndexes(parseThresholds(JSON.parse(text)), ['us-east-1a']);
    expect(tolerationOf(plain, 'api-external', 'us-east-1a')).toBe(120);
  });

  it('keeps an index without a zone unchanged (it then matches nothing but negations)', () => {
    const thresholds = substituteZoneIndexes(parseThresholds({ '5': { api: 1 }, '!7': { dns: 2 } }), ['a']);
    expect([...thresholds.selectors.keys()]).toEqual(['5', '!7']);
    expect(tolerationOf(thresholds, 'dns', 'a')).toBe(2);
  });

  it('lower-cases selectors and probes, merges duplicates and truncates values', () => {
    const thresholds = parseThresholds({
      'Zone-A': { 'API-External': 12.9 },
      'zone-a': { 'dns-internal': '7' },
    });
    expect(tolerationOf(thresholds, 'api-external', 'zone-a')).toBe(12);
    expect(tolerationOf(thresholds, 'dns-internal', 'zone-a')).toBe(7);
    expect(thresholds.selectors.size).toBe(1);
  });

  it('takes already parsed thresholds as they are (the garden wrapper resolves indexes first)', () => {
    const resolved = substituteZoneIndexes(parseThresholds(network), ['us-east-1a', 'us-east-1b']);
    expect(parseThresholds(resolved)).toBe(resolved);
  });

  it('treats missing thresholds as empty: every toleration is the default 0 s', () => {
    for (const input of [null, undefined, {}]) {
      expect(tolerationOf(parseThresholds(input), 'api', 'regional')).toBe(0);
    }
  });

  it('refuses the format the Python docs show and names the real one', () => {
    const documented = { 'api-external': { 'initial-gap': 30, gap: 15, incidents: 0, downtime: 0 } };
    expect(() => parseThresholds(documented)).toThrow(InvalidArgumentError);
    expect(() => parseThresholds(documented)).toThrow(
      /format the Python chaosgarden docs show.*zone selector → probe/s,
    );
  });

  it('refuses values that are no number of seconds and shapes that are no map', () => {
    expect(() => parseThresholds({ regional: { api: 'soon' } })).toThrow(
      /thresholds\["regional"\]\["api"\] must be a number/,
    );
    expect(() => parseThresholds({ regional: 15 })).toThrow(/must map probe names/);
    expect(() => parseThresholds([1])).toThrow(/must be an object/);
  });
});
