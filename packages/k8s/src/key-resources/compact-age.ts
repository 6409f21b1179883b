const units: readonly [string, number][] = [
  ['y', 365 * 24 * 60 * 60],
  ['d', 24 * 60 * 60],
  ['h', 60 * 60],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration in the Python tool's compact form: units y (365 d), d, h, m, s; only the first two
 * non-zero units (`3d4h`, `5m12s`, `1d5m`); `0s` for zero. Negative durations (clock skew) count as 0.
 */
export function compactAge(seconds: number): string {
  let rest = Math.max(0, Math.floor(seconds));
  const segments: string[] = [];
  for (const [unit, size] of units) {
    const quotient = Math.floor(rest / size);
    if (quotient > 0) {
      segments.push(`${quotient}${unit}`);
      rest -= quotient * size;
    }
  }
  return segments.length === 0 ? '0s' : segments.slice(0, 2).join('');
}

/** The compact age of an ISO timestamp at `nowMs`, or undefined when the timestamp is missing. */
export function ageOf(timestamp: unknown, nowMs: number): string | undefined {
  const time = typeof timestamp === 'string' ? Date.parse(timestamp) : Number.NaN;
  return Number.isNaN(time) ? undefined : compactAge((nowMs - time) / 1000);
}
