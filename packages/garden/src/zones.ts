import { InvalidArgumentError } from '@chaosgarden/core';

/** A zone given by the caller: an index into the sorted zone list, or a zone name. */
export type ZoneReference = number | string;

type ShootSpec = Readonly<Record<string, unknown>> | undefined;

/** The union of `spec.provider.workers[*].zones`, sorted (the Python tool's `zones(spec)`). */
export function workerZones(spec: ShootSpec): string[] {
  const provider = (spec?.provider ?? {}) as { workers?: unknown };
  const workers = Array.isArray(provider.workers) ? provider.workers : [];
  const zones = new Set<string>();
  for (const worker of workers) {
    const list = (worker as { zones?: unknown } | null)?.zones;
    for (const zone of Array.isArray(list) ? list : []) {
      if (typeof zone === 'string' && zone !== '') zones.add(zone);
    }
  }
  return [...zones].sort();
}

/**
 * The zone names as nodes carry them in `topology.kubernetes.io/zone`: the worker zones, except on Azure,
 * where each becomes `<region>-<zone>` (nodes are labelled `westeurope-1`, workers say `1`).
 */
export function podZones(spec: ShootSpec): string[] {
  const zones = workerZones(spec);
  const providerType = (spec?.provider as { type?: unknown } | undefined)?.type;
  if (providerType !== 'azure') return zones;
  const region = typeof spec?.region === 'string' ? spec.region : '';
  return zones.map((zone) => `${region}-${zone}`).sort();
}

/**
 * Resolves `zone` against `zones` (sorted lexicographically, as the Python tool did: `"10"` before `"2"`):
 * a number is an index, a string must be one of the names. A numeric string (`"0"`) is a name.
 *
 * @throws InvalidArgumentError (argument `zone`) listing the known zones.
 */
export function resolveZone(zone: ZoneReference | null | undefined, zones: readonly string[]): string {
  const sorted = [...zones].sort();
  const known = `known zones are ${sorted.length === 0 ? 'none' : sorted.join(', ')}`;
  if (typeof zone === 'number') {
    const name = Number.isInteger(zone) ? sorted[zone] : undefined;
    if (name === undefined) {
      throw new InvalidArgumentError({
        argument: 'zone',
        message: `Zone index ${zone} out of bounds (${known})! Pass an index from 0 to ${sorted.length - 1} or a zone name.`,
      });
    }
    return name;
  }
  if (typeof zone === 'string' && sorted.includes(zone)) {
    return zone;
  }
  throw new InvalidArgumentError({
    argument: 'zone',
    message: `Zone designator ${zone === undefined || zone === null ? 'None' : zone} not recognised (${known})!`,
  });
}
