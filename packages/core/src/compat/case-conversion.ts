/*
 * The one rule that maps the Python tool's names (functions, parameters, configuration and secret keys)
 * to chaosgarden's TypeScript names and back:
 *
 *   snake → camel: an underscore between a letter or digit and a lower-case letter is dropped and the
 *                  letter upper-cased (`aws_access_key_id` → `awsAccessKeyId`); nothing else changes.
 *   camel → snake: every upper-case ASCII letter becomes `_` + the letter lower-cased.
 *
 * Every name in the Python tool's public API round-trips under this rule (see case-conversion.test.ts
 * and docs/python-names.md). A name that ever does not goes into `exceptions` below, in both directions.
 */

/** Python name → TypeScript name, for names the rule would get wrong. Empty: every known name follows it. */
const exceptions: ReadonlyMap<string, string> = new Map<string, string>([]);
const reverseExceptions: ReadonlyMap<string, string> = new Map(
  [...exceptions].map(([snake, camel]) => [camel, snake]),
);

/** `aws_access_key_id` → `awsAccessKeyId`. Names without underscores are returned unchanged. */
export function toCamelCase(name: string): string {
  return (
    exceptions.get(name) ??
    name.replace(/(?<=[A-Za-z0-9])_([a-z])/g, (_match, letter: string) => letter.toUpperCase())
  );
}

/** `awsAccessKeyId` → `aws_access_key_id`. Names without upper-case letters are returned unchanged. */
export function toSnakeCase(name: string): string {
  return reverseExceptions.get(name) ?? name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}
