/**
 * The text `encodeLabelValue` encoded. A shortened value (or one that is no encoding) comes back as it
 * is, so that comparing it with `encodeLabelValue(text)` still tells whether it was `text`.
 */
export function decodeLabelValue(value: string): string {
  if (value.length === 63 && /-[0-9a-f]{8}$/.test(value)) return value;
  let decoded = '';
  for (let index = 0; index < value.length; index++) {
    const char = value[index] as string;
    if (char !== '_') {
      decoded += char;
      continue;
    }
    const next = value[index + 1];
    if (next === '_') decoded += '_';
    else if (next === '-') decoded += '.';
    else if (next === '0' && /^[0-9a-f]{4}$/.test(value.slice(index + 2, index + 6))) {
      decoded += String.fromCodePoint(Number.parseInt(value.slice(index + 2, index + 6), 16));
      index += 4;
    } else if (next !== undefined && /[a-z]/.test(next)) decoded += next.toUpperCase();
    else return value;
    index++;
  }
  return decoded;
}
