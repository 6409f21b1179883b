/**
 * Characters Python's `str.isprintable()` rejects: categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs
 * (the ASCII space is handled before this test). Cn means unassigned in the Unicode version of the
 * runtime, see docs/python-names.md for the version caveat.
 */
const nonPrintable = /^[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]$/u;

/**
 * Python's `repr(str)`: single quotes unless the text contains `'` and no `"`; `\\`, the quote, `\t`,
 * `\n`, `\r` escaped; other non-printable characters as `\xNN`, `\uNNNN` or `\UNNNNNNNN`; printable
 * non-ASCII (`ü`, emoji) kept verbatim.
 */
export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let result = quote;
  // for…of walks code points, and yields lone surrogates as single units (Python escapes them as \udXXX).
  for (const character of text) {
    result += escapeCharacter(character, quote);
  }
  return result + quote;
}

function escapeCharacter(character: string, quote: string): string {
  if (character === quote || character === '\\') {
    return `\\${character}`;
  }
  switch (character) {
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
  }
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint < 0x20 || codePoint === 0x7f) {
    return hexEscape(codePoint);
  }
  if (codePoint < 0x7f || !nonPrintable.test(character)) {
    return character;
  }
  return hexEscape(codePoint);
}

function hexEscape(codePoint: number): string {
  const hex = codePoint.toString(16);
  if (codePoint <= 0xff) {
    return `\\x${hex.padStart(2, '0')}`;
  }
  if (codePoint <= 0xffff) {
    return `\\u${hex.padStart(4, '0')}`;
  }
  return `\\U${hex.padStart(8, '0')}`;
}
