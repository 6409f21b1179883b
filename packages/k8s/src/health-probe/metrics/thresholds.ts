import { InvalidArgumentError, PythonFloat } from '@chaosgarden/core';

/**
 * `{ "<zone selector>": { "<probe>": <tolerated downtime seconds> } }` (spec §7). Selector order matters
 * (the first match wins) and JavaScript objects move integer-like keys (`"0"`) to the front, so pass
 * Maps (e.g. from core's `parseJsonPreservingOrder`) when zone-index selectors mix with others.
 */
export type ThresholdsInput =
  | Readonly<Record<string, Readonly<Record<string, number | string>>>>
  | ReadonlyMap<string, unknown>
  | Thresholds;

/** Parsed thresholds: selectors in insertion order, lower-cased, values whole seconds. */
export interface Thresholds {
  readonly selectors: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

// The keys of the format the Python tool's docs show (and its code never read).
const documentedKeys = new Set(['initial-gap', 'initial_gap', 'gap', 'incidents', 'downtime']);
const example =
  '{"regional": {"api": 15, "web-hook": 15}, "!regional": {"api-external": 15, "dns-external": 15, "pod-lifecycle": 15}}';

/**
 * Reads thresholds in the format the Python tool's code (and `hack/experiments/*.json`) uses:
 * zone selector → probe → tolerated seconds. Selector and probe names are lower-cased, later duplicate
 * selectors merge, values are truncated to whole seconds. `null`/`undefined` gives empty thresholds:
 * every toleration is then the default 0 s (the Python tool crashed instead).
 *
 * @throws InvalidArgumentError (argument `thresholds`) for anything else, naming the documented-but-wrong
 *   format `{probe: {initial-gap, gap, incidents, downtime}}` when that is what was given.
 */
export function parseThresholds(input: unknown): Thresholds {
  const selectors = new Map<string, Map<string, number>>();
  if (input === null || input === undefined) return { selectors };
  if (isParsed(input)) return input; // e.g. already resolved with substituteZoneIndexes by the garden wrapper
  if (!isMapLike(input)) {
    throw invalid(`thresholds must be an object like ${example}, got ${describe(input)}.`);
  }
  for (const [selector, probes] of entriesOf(input)) {
    if (!isMapLike(probes)) {
      throw invalid(
        `thresholds["${selector}"] must map probe names to tolerated seconds, got ${describe(probes)}; the format is ${example}.`,
      );
    }
    const wrongKeys = entriesOf(probes)
      .map(([key]) => key)
      .filter((key) => documentedKeys.has(key.toLowerCase()));
    if (wrongKeys.length > 0) {
      throw invalid(
        `thresholds["${selector}"] has ${wrongKeys.join(', ')}: that is the format the Python chaosgarden docs show ` +
          '({probe: {initial-gap, gap, incidents, downtime}}), which its code never read (every toleration became 0). ' +
          `Use zone selector → probe → tolerated downtime seconds instead, e.g. ${example}.`,
      );
    }
    const key = selector.toLowerCase();
    const merged = selectors.get(key) ?? new Map<string, number>();
    selectors.set(key, merged);
    for (const [probe, value] of entriesOf(probes)) {
      merged.set(probe.toLowerCase(), toSeconds(value, `thresholds["${selector}"]["${probe}"]`));
    }
  }
  return { selectors };
}

/**
 * Replaces zone-index selectors (`"0"`, `"!1"`) by the zone they index (`"eu-west-1a"`, `"!eu-west-1b"`);
 * other selectors and indexes without a zone stay as they are. Order is kept.
 */
export function substituteZoneIndexes(thresholds: Thresholds, zones: readonly string[]): Thresholds {
  const selectors = new Map<string, Map<string, number>>();
  for (const [selector, probes] of thresholds.selectors) {
    const negated = selector.startsWith('!');
    const bare = negated ? selector.slice(1) : selector;
    const zone = /^\d+$/.test(bare.trim()) ? zones[Number(bare)] : undefined;
    const key = zone === undefined ? selector : `${negated ? '!' : ''}${zone.toLowerCase()}`;
    const merged = selectors.get(key) ?? new Map<string, number>();
    for (const [probe, seconds] of probes) merged.set(probe, seconds);
    selectors.set(key, merged);
  }
  return { selectors };
}

/**
 * Tolerated downtime of `probe` in `zone`: the first selector (in order) that names the probe and matches
 * the zone (`zone`, or `!other`), else 0.
 */
export function tolerationOf(thresholds: Thresholds, probe: string, zone: string): number {
  for (const [selector, probes] of thresholds.selectors) {
    const seconds = probes.get(probe);
    if (seconds === undefined) continue;
    const matches = selector.startsWith('!') ? zone !== selector.slice(1) : zone === selector;
    if (matches) return seconds;
  }
  return 0;
}

function toSeconds(value: unknown, where: string): number {
  const plain = PythonFloat.isInstance(value)
    ? value.value
    : typeof value === 'bigint'
      ? Number(value)
      : value;
  const number = typeof plain === 'string' && /^\s*[+-]?\d+(\.\d*)?\s*$/.test(plain) ? Number(plain) : plain;
  if (typeof number !== 'number' || !Number.isFinite(number)) {
    throw invalid(`${where} must be a number of seconds, got ${describe(value)}.`);
  }
  return Math.trunc(number) + 0;
}

function isParsed(value: unknown): value is Thresholds {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Map) &&
    Object.keys(value).length === 1 &&
    (value as { selectors?: unknown }).selectors instanceof Map
  );
}

type MapLike = Record<string, unknown> | ReadonlyMap<string, unknown>;

function isMapLike(value: unknown): value is MapLike {
  return (
    value instanceof Map ||
    (typeof value === 'object' && value !== null && !Array.isArray(value) && !PythonFloat.isInstance(value))
  );
}

function entriesOf(value: MapLike): [string, unknown][] {
  return value instanceof Map
    ? [...value.entries()].map(([key, item]) => [String(key), item])
    : Object.entries(value);
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'a list' : typeof value === 'string' ? `'${value}'` : String(value);
}

function invalid(message: string): InvalidArgumentError {
  return new InvalidArgumentError({ argument: 'thresholds', message });
}
