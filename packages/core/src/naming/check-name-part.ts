import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * `value` when it is a non-empty string, for a part (zone, region, VPC id) of an artefact name a plugin
 * builds: an empty part would name an artefact no roll-back looks for.
 *
 * @throws InvalidArgumentError (argument `argument`).
 */
export function checkNamePart(argument: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InvalidArgumentError({ argument, message: `${argument} must be a non-empty string.` });
  }
  return value;
}
