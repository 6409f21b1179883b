/** Python inline flags that have a JavaScript equivalent. */
const flagMap: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's' };

export interface CompiledPattern {
  readonly pattern?: RegExp;
  /** Why the pattern cannot be used, when it cannot. */
  readonly problem?: string;
}

/**
 * Compiles a selector value written in Python `re` syntax into a JavaScript `RegExp`, anchored like
 * Python's `re.match('^' + value, text)` (a prefix match) or, with `fullMatch`, like `re.fullmatch`.
 *
 * Translated: `(?P<name>…)` → `(?<name>…)`, `\A` → `^`, `\Z` → `$`, and leading
 * global inline flags `(?i)`, `(?m)`, `(?s)`. Python-only constructs that remain (`(?x)`, conditionals)
 * fail to compile or are reported.
 */
export function compilePythonPattern(value: string, fullMatch: boolean): CompiledPattern {
  const { body, flags, problem } = takeInlineFlags(value);
  if (problem !== undefined) {
    return { problem };
  }
  const source = translate(body);
  try {
    return { pattern: new RegExp(fullMatch ? `^(?:${source})$` : `^(?:${source})`, flags) };
  } catch (error) {
    const reason = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : '';
    return { problem: `the regular expression "${value}" is invalid (${reason})` };
  }
}

function takeInlineFlags(value: string): { body: string; flags: string; problem?: string } {
  const match = /^\(\?([a-zA-Z]+)\)/.exec(value);
  if (match === null) {
    return { body: value, flags: '' };
  }
  const letters = match[1] ?? '';
  const unsupported = [...letters].filter((letter) => flagMap[letter] === undefined);
  if (unsupported.length > 0) {
    return {
      body: value,
      flags: '',
      problem: `the inline flag(s) ${unsupported.join('')} of "${value}" are not supported (only i, m and s are)`,
    };
  }
  const flags = [...new Set([...letters].map((letter) => flagMap[letter]))].join('');
  return { body: value.slice(match[0].length), flags };
}

function translate(body: string): string {
  let result = '';
  let inClass = false;
  for (let index = 0; index < body.length; index++) {
    const char = body[index];
    if (char === '\\') {
      const next = body[index + 1] ?? '';
      index++;
      if (!inClass && next === 'A') result += '^';
      else if (!inClass && next === 'Z') result += '$';
      else result += `\\${next}`;
      continue;
    }
    if (inClass) {
      inClass = char !== ']';
      result += char;
      continue;
    }
    if (char === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a literal in Python.
      const literalClose = body.startsWith(']', index + 1) ? 1 : body.startsWith('^]', index + 1) ? 2 : 0;
      result += body.slice(index, index + 1 + literalClose).replace(/\]$/, '\\]');
      index += literalClose;
      continue;
    }
    if (body.startsWith('(?P<', index)) {
      result += '(?<';
      index += 3;
      continue;
    }
    result += char;
  }
  return result;
}
