import { InvalidArgumentError } from '../errors/invalid-argument-error';

/**
 * The Python tool's `validate_zone`: the zone must be set. Also refuses non-strings and blank text,
 * which no cloud has as a zone name.
 *
 * @throws InvalidArgumentError (argument `zone`).
 */
export function validateZone(zone: unknown): string {
  if (zone === null || zone === undefined || zone === '') {
    throw new InvalidArgumentError({
      argument: 'zone',
      message: "Zone not set (must be set)! Pass the zone name, e.g. zone: 'eu-west-1a'.",
    });
  }
  if (typeof zone !== 'string' || zone.trim() === '') {
    throw new InvalidArgumentError({
      argument: 'zone',
      message: `Zone must be a non-empty zone name such as 'eu-west-1a' (was ${typeof zone === 'string' ? `'${zone}'` : String(zone)}).`,
    });
  }
  return zone;
}
