import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * `hash` when it is a filter hash (`filterHash`: 16 lower-case hex characters), for the artefact names a
 * plugin builds from it. A name built from an unhashed filter would never match the Python tool's artefacts,
 * and a roll-back would silently find nothing: this fails loudly instead.
 *
 * @throws InvalidArgumentError (argument `hash`).
 */
export function checkFilterHash(hash: string): string {
  if (typeof hash !== 'string' || !/^[0-9a-f]{16}$/.test(hash)) {
    throw new InvalidArgumentError({
      argument: 'hash',
      message: `Expected a 16-character lower-case hex filter hash (from filterHash), got ${JSON.stringify(hash)}.`,
    });
  }
  return hash;
}
