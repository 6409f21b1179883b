import { InvalidArgumentError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { formatSelector, parseSelector } from './parse-selector';
import { SelectorSyntaxError } from './selector-syntax-error';

const parse = (text: string | readonly string[] | null | undefined, strict = false) =>
  parseSelector(text, { argument: 'podMetadataSelector', strict });

function syntaxError(text: string): SelectorSyntaxError {
  try {
    parse(text);
  } catch (error) {
    if (SelectorSyntaxError.isInstance(error)) return error;
    throw error;
  }
  throw new Error(`"${text}" parsed without an error`);
}

describe('parseSelector', () => {
  it.each([
    ['a=b', '==', 'b'],
    ['a==b', '==', 'b'],
    ['a!=b', '!=', 'b'],
    ['a=~b.*', '=~', 'b.*'],
    ['a!~b.*', '!~', 'b.*'],
  ])('reads %s with operator %s', (text, operator, value) => {
    const [requirement] = parse(text).requirements;
    expect(requirement).toMatchObject({ key: 'a', operator, value });
  });

  it('reads comma-separated requirements in order and trims keys and values', () => {
    const selector = parse(' namespace = kube-system ,name=~kube-apiserver.*, kind != DaemonSet');
    expect(selector.requirements.map(({ key, operator, value }) => [key, operator, value])).toEqual([
      ['namespace', '==', 'kube-system'],
      ['name', '=~', 'kube-apiserver.*'],
      ['kind', '!=', 'DaemonSet'],
    ]);
    expect(formatSelector(selector)).toBe(
      '[namespace == kube-system, name =~ kube-apiserver.*, kind != DaemonSet]',
    );
  });

  it('keeps label keys with prefixes, dots and slashes', () => {
    const [requirement] = parse('topology.kubernetes.io/zone=world-1a').requirements;
    expect(requirement).toMatchObject({ key: 'topology.kubernetes.io/zone', value: 'world-1a' });
  });

  it.each([[null], [undefined], [''], ['   '], [[]]])('reads %j as no requirement', (input) => {
    expect(parse(input).requirements).toEqual([]);
  });

  it('joins a list of requirements with commas', () => {
    const selector = parse(['namespace=a', 'kind!=DaemonSet']);
    expect(selector.source).toBe('namespace=a,kind!=DaemonSet');
    expect(selector.requirements).toHaveLength(2);
  });

  it.each([
    ['name~=web', 5, 'the operator "~=" is not one of =, ==, !=, =~, !~; did you mean =~'],
    ['name===web', 5, 'the operator "===" is not one of'],
    ['name!web', 5, 'the operator "!" is not one of'],
    ['name', 1, 'there is no operator'],
    ['=web', 1, 'the key before the operator is missing'],
    ['name=', 6, 'the value after "=" is missing'],
    ['name=~ ', 7, 'the value after "=~" is missing'],
    ['a=b=c', 4, 'unexpected "=c" after the value "b" (values cannot contain !, = or ~)'],
    ['name=~web(', 7, 'the regular expression "web(" is invalid'],
    ['name=~(?x)web', 7, 'the inline flag(s) x of "(?x)web" are not supported'],
  ])('refuses %s, pointing at column %i', (text, column, problem) => {
    const error = syntaxError(text);
    expect(error.column).toBe(column);
    expect(error.message).toContain(problem.charAt(0).toUpperCase() + problem.slice(1));
    expect(error.message).toMatch(
      new RegExp(`^Selector requirement "${text.replace(/[()?=~!]/g, '\\$&')}" invalid!`),
    );
  });

  it('names the option, the requirement number and the column within the whole selector', () => {
    const error = syntaxError('namespace=default,name~=web');
    expect(InvalidArgumentError.isInstance(error)).toBe(true);
    expect(error.argument).toBe('podMetadataSelector');
    expect(error.requirementNumber).toBe(2);
    expect(error.column).toBe(23);
    expect(error.message).toBe(
      'Selector requirement "name~=web" invalid! The operator "~=" is not one of =, ==, !=, =~, !~; ' +
        'did you mean =~ (regular expression match)? (podMetadataSelector "namespace=default,name~=web", ' +
        'requirement 2, column 23).',
    );
  });

  it.each([
    ['a=b,', 2, 5],
    ['a=b,,c=d', 2, 5],
    [',a=b', 1, 1],
  ])('refuses the stray comma in %s (requirement %i, column %i)', (text, number, column) => {
    const error = syntaxError(text);
    expect([error.requirementNumber, error.column]).toEqual([number, column]);
    expect(error.message).toContain('The requirement is empty (a stray comma?)');
  });

  it('refuses a selector that is not text', () => {
    expect(() => parseSelector(42 as unknown as string, { argument: 'podOwnerSelector' })).toThrow(
      /must be text.*podOwnerSelector "42"/,
    );
  });

  it('compiles regexes as prefix matches by default and as full matches when strict', () => {
    const [prefix] = parse('name=~web').requirements;
    const [full] = parse('name=~web', true).requirements;
    expect(prefix?.pattern?.test('web-1')).toBe(true);
    expect(full?.pattern?.test('web-1')).toBe(false);
    expect(full?.pattern?.test('web')).toBe(true);
  });

  it('translates Python-only regex syntax', () => {
    const [named] = parse('name=~(?P<app>web)-[0-9]').requirements;
    const [flags] = parse('name=~(?i)WEB').requirements;
    const [anchors] = parse('name=~\\Aweb\\Z').requirements;
    expect(named?.pattern?.exec('web-1')?.groups?.app).toBe('web');
    expect(flags?.pattern?.test('web-1')).toBe(true);
    expect(anchors?.pattern?.test('web')).toBe(true);
    expect(anchors?.pattern?.test('web-1')).toBe(false);
  });
});
