import { createHash } from 'node:crypto';

/** Longest value a GCP label or an Alibaba Cloud tag takes in `[a-z0-9_-]`. */
const maxLength = 63;
const hashLength = 8;

/**
 * Any text as a label-safe value, at most 63 characters of `[a-z0-9_-]`, reversible by
 * `decodeLabelValue` while it fits: `_` becomes `__`, an upper-case letter `_` and the letter, `.` `_-`,
 * any other character `_0` and its 4 hex digits. A longer result keeps its first 54 characters, then `-`
 * and 8 hex digits of the SHA-256 of the raw text (not reversible, but `isSameRun` still matches it).
 */
export function encodeLabelValue(raw: string): string {
  let encoded = '';
  for (const char of raw) {
    if (/[a-z0-9-]/.test(char)) encoded += char;
    else if (char === '_') encoded += '__';
    else if (char === '.') encoded += '_-';
    else if (/[A-Z]/.test(char)) encoded += `_${char.toLowerCase()}`;
    else encoded += `_0${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0').slice(-4)}`;
  }
  if (encoded.length <= maxLength) return encoded;
  const digest = createHash('sha256').update(raw).digest('hex').slice(0, hashLength);
  return `${encoded.slice(0, maxLength - hashLength - 1)}-${digest}`;
}
