import { describe, expect, it } from 'vitest';
import { decodeLabelValue } from './decode-label-value';
import { encodeHolderJson } from './encode-holder-json';
import { encodeHolderLabels } from './encode-holder-labels';
import { encodeLabelValue } from './encode-label-value';
import type { HolderRecord } from './holder-record';
import { isSameRun } from './is-same-run';
import { parseHolderJson } from './parse-holder-json';
import { parseHolderLabels } from './parse-holder-labels';

const holder: HolderRecord = {
  run: '20261127T190000123Z-3f9a1c2b',
  host: 'ci-7',
  pid: 4242,
  until: '2026-11-27T19:20:00.000Z',
  ticket: 3,
};

describe('encodeHolderJson and parseHolderJson', () => {
  it("writes exactly the AWS holder tag's value format and reads it back", () => {
    expect(encodeHolderJson(holder)).toBe(
      '{"run":"20261127T190000123Z-3f9a1c2b","host":"ci-7","pid":4242,"until":"2026-11-27T19:20:00.000Z","ticket":3}',
    );
    expect(encodeHolderJson({ ...holder, ticket: null })).toContain('"ticket":null}');
    expect(parseHolderJson(encodeHolderJson(holder))).toEqual(holder);
  });

  it("reads an earlier version's tag: until null (no end) and no ticket (never gives way)", () => {
    expect(parseHolderJson('{"run":"r","host":"h","pid":1,"until":null}')).toEqual({
      run: 'r',
      host: 'h',
      pid: 1,
      until: null,
    });
    expect(parseHolderJson('{"run":"r","host":"h","pid":1}')).toEqual({
      run: 'r',
      host: 'h',
      pid: 1,
      until: null,
    });
  });

  it('reads no holder from no tag (the Python tool) or a garbled one', () => {
    expect(parseHolderJson(undefined)).toBeUndefined();
    expect(parseHolderJson('{"run": 7')).toBeUndefined();
    expect(parseHolderJson('{"run":"r","host":"h"}')).toBeUndefined();
    expect(parseHolderJson('null')).toBeUndefined();
  });
});

describe('encodeHolderLabels and parseHolderLabels', () => {
  const labelSafe = /^[a-z0-9_-]{0,63}$/;

  it('writes every value in at most 63 characters of [a-z0-9_-], until as epoch seconds, and reads it back', () => {
    const labels = encodeHolderLabels(holder, 'chaosgarden-holder-');
    for (const [key, value] of Object.entries(labels)) {
      expect(key).toMatch(labelSafe);
      expect(value).toMatch(labelSafe);
    }
    expect(labels['chaosgarden-holder-until']).toBe(String(Date.parse(holder.until as string) / 1000));
    expect(parseHolderLabels(labels, 'chaosgarden-holder-')).toEqual(holder);
  });

  it('keeps a ticket still being taken apart from no ticket, and a run without an end', () => {
    const taking = parseHolderLabels(encodeHolderLabels({ ...holder, ticket: null }));
    expect(taking?.ticket).toBeNull();
    const { ticket: _ticket, ...withoutTicket } = holder;
    expect(parseHolderLabels(encodeHolderLabels({ ...withoutTicket, until: null }))).toEqual({
      ...withoutTicket,
      until: null,
    });
  });

  it('reads no holder from labels that are not a holder', () => {
    expect(parseHolderLabels({})).toBeUndefined();
    expect(parseHolderLabels({ run: 'r', host: 'h', pid: 'x', until: '1' })).toBeUndefined();
  });
});

describe('encodeLabelValue and decodeLabelValue', () => {
  it('round-trips run ids with upper case, dots and underscores', () => {
    for (const raw of [holder.run, 'My.Run_1', 'plain-run', 'a__b._-C']) {
      const encoded = encodeLabelValue(raw);
      expect(encoded).toMatch(/^[a-z0-9_-]{1,63}$/);
      expect(decodeLabelValue(encoded)).toBe(raw);
    }
  });

  it('shortens a long value with a hash that isSameRun still recognises', () => {
    const long = `Run-${'x'.repeat(120)}`;
    const encoded = encodeLabelValue(long);
    expect(encoded).toHaveLength(63);
    expect(encodeLabelValue(`${long}y`)).not.toBe(encoded);
    const parsed = parseHolderLabels(encodeHolderLabels({ ...holder, run: long }));
    expect(isSameRun(parsed?.run ?? '', long)).toBe(true);
    expect(isSameRun(parsed?.run ?? '', `${long}y`)).toBe(false);
  });
});
