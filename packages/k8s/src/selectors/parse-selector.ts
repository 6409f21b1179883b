import { compilePythonPattern } from './python-pattern';
import { SelectorSyntaxError } from './selector-syntax-error';
import type { ParsedSelector, SelectorInput, SelectorOperator, SelectorRequirement } from './selector-types';

export interface ParseSelectorOptions {
  /** The option name used in error messages, e.g. `podOwnerSelector`. */
  argument: string;
  /** Strict semantics: `=~`/`!~` must match the whole value. Default `false` (prefix match, as in Python). */
  strict?: boolean;
}

const operatorChars = new Set(['!', '=', '~']);
const operators: Readonly<Record<string, SelectorOperator>> = {
  '=': '==',
  '==': '==',
  '!=': '!=',
  '=~': '=~',
  '!~': '!~',
};

/** The selector text of an option: a list is joined with `,`; `null`/`undefined` give `''`. */
export function selectorText(input: SelectorInput): string {
  if (input === null || input === undefined) {
    return '';
  }
  if (Array.isArray(input)) {
    return input.map(String).join(',');
  }
  return typeof input === 'string' ? input : String(input);
}

/**
 * Parses a chaosgarden selector (`key=value,key!=value,key=~regex,key!~regex`; `=` means `==`).
 * Keys and values are trimmed and cannot contain `!`, `=`, `~` or `,`. Empty input gives no requirements.
 *
 * Unlike the Python tool, text after a value (`a=b=c`), an empty value and an invalid regular expression
 * are errors here, raised before any cluster call.
 *
 * @throws SelectorSyntaxError naming the requirement, its number and the column of the bad part.
 */
export function parseSelector(input: SelectorInput, options: ParseSelectorOptions): ParsedSelector {
  const strict = options.strict ?? false;
  if (input !== null && input !== undefined && typeof input !== 'string' && !Array.isArray(input)) {
    throw new SelectorSyntaxError({
      argument: options.argument,
      selector: String(input),
      requirement: String(input),
      requirementNumber: 1,
      column: 1,
      problem: 'a selector must be text such as "key=value,key!=value" or a list of such requirements',
    });
  }
  const source = selectorText(input);
  if (source.trim() === '') {
    return { source, requirements: [], strict };
  }
  const requirements: SelectorRequirement[] = [];
  let offset = 0;
  for (const [index, text] of source.split(',').entries()) {
    requirements.push(
      parseRequirement(text, { ...options, strict, source, number: index + 1, offset: offset + 1 }),
    );
    offset += text.length + 1;
  }
  return { source, requirements, strict };
}

interface RequirementContext {
  argument: string;
  strict: boolean;
  source: string;
  number: number;
  /** 1-based column of the requirement's first character in `source`. */
  offset: number;
}

function parseRequirement(text: string, context: RequirementContext): SelectorRequirement {
  const fail = (position: number, problem: string): never => {
    throw new SelectorSyntaxError({
      argument: context.argument,
      selector: context.source,
      requirement: text,
      requirementNumber: context.number,
      column: context.offset + position,
      problem,
    });
  };
  if (text.trim() === '') {
    fail(0, 'the requirement is empty (a stray comma?)');
  }
  const keyEnd = scanUntil(text, 0, (char) => operatorChars.has(char));
  if (keyEnd === text.length) {
    fail(0, 'there is no operator; write <key><operator><value> with one of =, ==, !=, =~, !~');
  }
  const key = text.slice(0, keyEnd).trim();
  if (key === '') {
    fail(keyEnd, 'the key before the operator is missing');
  }
  const operatorEnd = scanUntil(text, keyEnd, (char) => !operatorChars.has(char));
  const written = text.slice(keyEnd, operatorEnd);
  const operator = operators[written];
  if (operator === undefined) {
    fail(keyEnd, operatorProblem(written));
  }
  const valueEnd = scanUntil(text, operatorEnd, (char) => operatorChars.has(char));
  const rawValue = text.slice(operatorEnd, valueEnd);
  const value = rawValue.trim();
  if (value === '') {
    fail(operatorEnd, `the value after "${written}" is missing`);
  }
  if (valueEnd < text.length) {
    fail(
      valueEnd,
      `unexpected "${text.slice(valueEnd)}" after the value "${value}" (values cannot contain !, = or ~)`,
    );
  }
  const requirement = { key, operator: operator as SelectorOperator, value, text: text.trim() };
  if (operator !== '=~' && operator !== '!~') {
    return requirement;
  }
  const { pattern, problem } = compilePythonPattern(value, context.strict);
  if (pattern === undefined) {
    return fail(operatorEnd + rawValue.length - rawValue.trimStart().length, problem ?? '');
  }
  return { ...requirement, pattern };
}

function scanUntil(text: string, from: number, stop: (char: string) => boolean): number {
  let index = from;
  while (index < text.length && !stop(text.charAt(index))) {
    index++;
  }
  return index;
}

function operatorProblem(written: string): string {
  const hints: Readonly<Record<string, string>> = {
    '~=': 'did you mean =~ (regular expression match)?',
    '===': 'did you mean ==?',
    '!==': 'did you mean !=?',
    '~': 'did you mean =~?',
    '!': 'did you mean != or !~?',
  };
  const hint = hints[written] ?? 'use one of =, ==, !=, =~, !~';
  return `the operator "${written}" is not one of =, ==, !=, =~, !~; ${hint}`;
}

/** The requirement as the Python tool printed it in log lines: `key == value`. */
export function formatRequirement(requirement: SelectorRequirement): string {
  return `${requirement.key} ${requirement.operator} ${requirement.value}`;
}

/** The selector as the Python tool printed it: `[a == b, c != d]`. */
export function formatSelector(selector: ParsedSelector): string {
  return `[${selector.requirements.map(formatRequirement).join(', ')}]`;
}
