import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { parseJsonPreservingOrder } from './parse-json-preserving-order';
import { PythonFloat } from './python-float';
import { pythonRepr } from './python-repr';
import { toPlainJson } from './to-plain-json';

describe('parseJsonPreservingOrder', () => {
  it('renders like Python json.loads + repr, including key order, floats, big ints and NaN', () => {
    const text =
      '{"b": 1, "2": [1.0, 2e3, -0, 1E2, 123456789012345678901234567890], "1": {"x": null, "y": true}, ' +
      '"a": NaN, "c": -Infinity, "b": 3}';
    // Printed by CPython 3.11: repr(json.loads(text)).
    expect(pythonRepr(parseJsonPreservingOrder(text))).toBe(
      "{'b': 3, '2': [1.0, 2000.0, 0, 100.0, 123456789012345678901234567890], '1': {'x': None, 'y': True}, " +
        "'a': nan, 'c': -inf}",
    );
  });

  it('returns Maps for objects and PythonFloat for numbers written with a point or exponent', () => {
    const value = parseJsonPreservingOrder('{"n": 1, "f": 1.0, "e": 1e2}');
    expect(value).toBeInstanceOf(Map);
    const map = value as Map<string, unknown>;
    expect(map.get('n')).toBe(1);
    expect(map.get('f')).toEqual(new PythonFloat(1));
    expect(PythonFloat.isInstance(map.get('e'))).toBe(true);
  });

  it('decodes every escape, surrogate pairs included', () => {
    expect(parseJsonPreservingOrder('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00fc\\ud83d\\ude00"')).toBe(
      'a"b\\c/d\b\f\n\r\tü😀',
    );
  });

  it('accepts surrounding whitespace and empty containers', () => {
    expect(pythonRepr(parseJsonPreservingOrder(' \n{ "a" : [ ] , "b" : { } }\t'))).toBe("{'a': [], 'b': {}}");
  });

  it.each([
    ['', 1, 1],
    ['{"a": 1,}', 1, 9],
    ['[1 2]', 1, 4],
    ['{"a" 1}', 1, 6],
    ['"unterminated', 1, 14],
    ['"bad \\x escape"', 1, 6],
    ['"raw\nnewline"', 1, 5],
    ['{"a": 1}\n garbage', 2, 2],
    ['01', 1, 2],
    ['\ufeff{}', 1, 1],
  ])('rejects %j naming line and column', (text, line, column) => {
    const attempt = () => parseJsonPreservingOrder(text);
    expect(attempt).toThrow(InvalidArgumentError);
    expect(attempt).toThrow(`line ${line} column ${column}`);
  });
});

describe('toPlainJson', () => {
  it('gives back what JSON.parse would have returned', () => {
    const text = '{"b": [1.5, 2.0, {"1": true}], "a": null, "big": 12345678901234567890}';
    expect(toPlainJson(parseJsonPreservingOrder(text))).toEqual(JSON.parse(text));
  });

  it('leaves non-JSON objects such as Dates untouched', () => {
    const date = new Date(0);
    expect(toPlainJson({ when: date })).toEqual({ when: date });
    expect((toPlainJson({ when: date }) as { when: unknown }).when).toBe(date);
  });
});
