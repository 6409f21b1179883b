import { InvalidArgumentError } from '../errors/invalid-argument-error';
import { PythonFloat } from './python-float';

/** What `parseJsonPreservingOrder` returns: JSON data with the facts `JSON.parse` drops kept. */
export type OrderedJsonValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | PythonFloat
  | OrderedJsonValue[]
  | Map<string, OrderedJsonValue>;

const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const whitespace = /[ \t\n\r]*/y;
const escapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Parses JSON the way Python's `json.loads` sees it, so `pythonRepr` of the result matches the Python
 * tool: objects become `Map`s (document order, even for integer-like keys; a repeated key keeps its
 * first position and last value), numbers written with `.`/`e`/`E` become `PythonFloat`, integers beyond
 * 2^53 become `bigint`, and `NaN`/`Infinity`/`-Infinity` are accepted as Python accepts them.
 * Use `toPlainJson` to get ordinary objects back.
 *
 * @throws InvalidArgumentError (argument `json`) naming the line and column of the first error.
 */
export function parseJsonPreservingOrder(text: string): OrderedJsonValue {
  return new Parser(text).document();
}

class Parser {
  private position = 0;

  constructor(private readonly text: string) {}

  document(): OrderedJsonValue {
    const value = this.value();
    this.skipWhitespace();
    if (this.position < this.text.length) {
      this.fail('end of input');
    }
    return value;
  }

  private value(): OrderedJsonValue {
    this.skipWhitespace();
    const character = this.text[this.position];
    if (character === '{') return this.object();
    if (character === '[') return this.array();
    if (character === '"') return this.string();
    for (const [literal, result] of literals) {
      if (this.text.startsWith(literal, this.position)) {
        this.position += literal.length;
        return typeof result === 'number' ? new PythonFloat(result) : result;
      }
    }
    return this.number();
  }

  private object(): Map<string, OrderedJsonValue> {
    const result = new Map<string, OrderedJsonValue>();
    this.position++;
    if (this.consumeAfterWhitespace('}')) return result;
    do {
      this.skipWhitespace();
      if (this.text[this.position] !== '"') this.fail('a string key');
      const key = this.string();
      if (!this.consumeAfterWhitespace(':')) this.fail("':'");
      result.set(key, this.value());
    } while (this.consumeAfterWhitespace(','));
    if (!this.consumeAfterWhitespace('}')) this.fail("',' or '}'");
    return result;
  }

  private array(): OrderedJsonValue[] {
    const result: OrderedJsonValue[] = [];
    this.position++;
    if (this.consumeAfterWhitespace(']')) return result;
    do {
      result.push(this.value());
    } while (this.consumeAfterWhitespace(','));
    if (!this.consumeAfterWhitespace(']')) this.fail("',' or ']'");
    return result;
  }

  private string(): string {
    let result = '';
    this.position++;
    for (;;) {
      const character = this.text[this.position];
      if (character === undefined) this.fail('a closing quote');
      if (character === '"') break;
      if (character < ' ') this.fail('no raw control character inside a string');
      if (character === '\\') {
        result += this.escape();
      } else {
        result += character;
        this.position++;
      }
    }
    this.position++;
    return result;
  }

  private escape(): string {
    const kind = this.text[this.position + 1] ?? '';
    if (kind === 'u') {
      const hex = this.text.slice(this.position + 2, this.position + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('four hex digits after \\u');
      this.position += 6;
      // Surrogate pairs come as two escapes; concatenating the halves rebuilds the code point.
      return String.fromCharCode(Number.parseInt(hex, 16));
    }
    const replacement = escapes[kind];
    if (replacement === undefined) this.fail('a valid escape sequence');
    this.position += 2;
    return replacement;
  }

  private number(): number | bigint | PythonFloat {
    numberPattern.lastIndex = this.position;
    const match = numberPattern.exec(this.text);
    if (match === null) this.fail('a JSON value');
    this.position += match[0].length;
    if (match[1] !== undefined || match[2] !== undefined) {
      return new PythonFloat(Number(match[0]));
    }
    const integer = Number(match[0]);
    return Number.isSafeInteger(integer) ? integer : BigInt(match[0]);
  }

  private skipWhitespace(): void {
    whitespace.lastIndex = this.position;
    whitespace.exec(this.text);
    this.position = whitespace.lastIndex;
  }

  private consumeAfterWhitespace(character: string): boolean {
    this.skipWhitespace();
    if (this.text[this.position] !== character) return false;
    this.position++;
    return true;
  }

  private fail(expected: string): never {
    const before = this.text.slice(0, this.position).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    throw new InvalidArgumentError({
      argument: 'json',
      message: `Invalid JSON at line ${line} column ${column}: expected ${expected}. Fix the document.`,
    });
  }
}

// Python's json module accepts these non-standard constants; experiment files may contain them.
const literals: ReadonlyArray<readonly [string, boolean | null | number]> = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];
