import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { PythonFloat } from './python-float';
import { pythonRepr, pythonStr } from './python-repr';

// Expected values were printed by CPython 3.11 (`repr(...)`).
describe('pythonRepr of strings', () => {
  it.each([
    ["it's", `"it's"`],
    ['a"b', `'a"b'`],
    [`both'"`, `'both\\'"'`],
    ["'", `"'"`],
    ['"', `'"'`],
    ['', "''"],
    ['back\\slash', "'back\\\\slash'"],
    ['line\nbreak', "'line\\nbreak'"],
    ['tab\there', "'tab\\there'"],
    ['cr\rx', "'cr\\rx'"],
    ['bell\x07', "'bell\\x07'"],
    ['nul\x00', "'nul\\x00'"],
    ['del\x7f', "'del\\x7f'"],
    ['nel\x85', "'nel\\x85'"],
    ['nbsp\xa0x', "'nbsp\\xa0x'"],
    ['shy\xad', "'shy\\xad'"],
  ])('renders %j like Python', (input, expected) => {
    expect(pythonRepr(input)).toBe(expected);
  });

  it.each([
    ['zw\u200bsp', "'zw\\u200bsp'", 'a format character (Cf)'],
    ['ls\u2028x', "'ls\\u2028x'", 'the line separator (Zl)'],
    ['ps\u2029', "'ps\\u2029'", 'the paragraph separator (Zp)'],
    ['ideographic space\u3000', "'ideographic space\\u3000'", 'a non-ASCII space (Zs)'],
    ['bom\ufeff', "'bom\\ufeff'", 'the byte order mark (Cf)'],
    ['pua\ue000', "'pua\\ue000'", 'a private-use character (Co)'],
    ['unassigned\u0378', "'unassigned\\u0378'", 'an unassigned code point (Cn)'],
    ['noncharacter\uffff', "'noncharacter\\uffff'", 'a noncharacter (Cn)'],
    ['tag\u{e0001}', "'tag\\U000e0001'", 'an astral format character'],
    ['astral pua\u{f0000}', "'astral pua\\U000f0000'", 'an astral private-use character'],
    ['lone\ud800', "'lone\\ud800'", 'a lone surrogate (Cs)'],
  ])('escapes %j because it holds %s', (input, expected) => {
    expect(pythonRepr(input)).toBe(expected);
  });

  it.each([
    ['über', "'über'"],
    ['emoji 😀', "'emoji 😀'"],
    ['combining e\u0301', "'combining e\u0301'"],
  ])('keeps the printable non-ASCII text of %j verbatim', (input, expected) => {
    expect(pythonRepr(input)).toBe(expected);
  });
});

describe('pythonRepr of numbers', () => {
  it.each([
    [1.5, '1.5'],
    [0.1, '0.1'],
    [1e-5, '1e-05'],
    [-1e-5, '-1e-05'],
    [0.0001, '0.0001'],
    [0.0001234, '0.0001234'],
    [2.5e-7, '2.5e-07'],
    [12345.678, '12345.678'],
    [5e-324, '5e-324'],
    [Number.POSITIVE_INFINITY, 'inf'],
    [Number.NEGATIVE_INFINITY, '-inf'],
    [Number.NaN, 'nan'],
  ])('prints the non-integral number %d as Python prints the float', (input, expected) => {
    expect(pythonRepr(input)).toBe(expected);
  });

  it.each([
    [1, '1.0'],
    [100, '100.0'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
    [1e16, '1e+16'],
    [1.5e16, '1.5e+16'],
    [1.2345678901234568e17, '1.2345678901234568e+17'],
    [1.2345e20, '1.2345e+20'],
    [1e22, '1e+22'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0, '0.0'],
    [-0, '-0.0'],
  ])('prints PythonFloat(%s) with Python float layout', (input, expected) => {
    expect(pythonRepr(new PythonFloat(input))).toBe(expected);
  });

  it('prints integral numbers and bigints as Python ints, with every digit', () => {
    expect(pythonRepr(42)).toBe('42');
    expect(pythonRepr(-0)).toBe('0');
    expect(pythonRepr(1e21)).toBe('1000000000000000000000');
    expect(pythonRepr(123456789012345678901234567890n)).toBe('123456789012345678901234567890');
  });
});

describe('pythonRepr of containers and constants', () => {
  it('renders booleans and null like Python', () => {
    expect(pythonRepr([true, false, null, undefined])).toBe('[True, False, None, None]');
  });

  it('renders dicts in insertion order with repr keys and values', () => {
    expect(pythonRepr({ b: 1, a: [1, 'x'], c: {} })).toBe("{'b': 1, 'a': [1, 'x'], 'c': {}}");
  });

  it('keeps the order of integer-like keys when given a Map', () => {
    const ordered = new Map<string, unknown>([
      ['b', 1],
      ['2', 'two'],
      ['1', 'one'],
    ]);
    expect(pythonRepr(ordered)).toBe("{'b': 1, '2': 'two', '1': 'one'}");
    // A plain object moves them first, which is why the Map exists.
    expect(pythonRepr({ b: 1, '2': 'two', '1': 'one' })).toBe("{'1': 'one', '2': 'two', 'b': 1}");
  });

  it('prints a container that contains itself the way Python does', () => {
    const list: unknown[] = [1];
    list.push(list);
    const dict: Record<string, unknown> = { a: 1 };
    dict.self = dict;
    expect(pythonRepr(list)).toBe('[1, [...]]');
    expect(pythonRepr(dict)).toBe("{'a': 1, 'self': {...}}");
  });

  it('prints a shared (non-recursive) value every time it occurs', () => {
    const shared = ['x'];
    expect(pythonRepr([shared, shared])).toBe("[['x'], ['x']]");
  });

  it.each([
    ['a function', () => 1],
    ['a Date', new Date(0)],
    ['a Set', new Set([1])],
    ['a symbol', Symbol('s')],
  ])('rejects %s, which JSON cannot produce', (_label, value) => {
    expect(() => pythonRepr(value)).toThrow(InvalidArgumentError);
  });
});

describe('pythonStr', () => {
  it('returns a string unchanged and renders anything else with repr', () => {
    expect(pythonStr("it's")).toBe("it's");
    expect(pythonStr(['a'])).toBe("['a']");
    expect(pythonStr(null)).toBe('None');
  });
});
