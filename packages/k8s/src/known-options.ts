import { InvalidArgumentError } from '@chaosgarden/core';

/**
 * Refuses option keys the function does not know (a misspelt `gracePeriods` would otherwise be
 * ignored silently). Keys whose value is `undefined` are ignored.
 *
 * @throws InvalidArgumentError naming the unknown option and listing the known ones.
 */
export function assertKnownOptions(options: object, known: readonly string[], functionName: string): void {
  const unknown = Object.entries(options)
    .filter(([key, value]) => value !== undefined && !known.includes(key))
    .map(([key]) => key);
  if (unknown.length > 0) {
    throw new InvalidArgumentError({
      argument: unknown[0] as string,
      message:
        `Unknown option(s) ${unknown.join(', ')} for ${functionName}; ` +
        `known options are ${known.join(', ')}.`,
    });
  }
}
