/** Source of the current time in epoch milliseconds; injected so tests can drive time by hand. */
export interface Clock {
  now(): number;
}

/**
 * The real clock. Reads `Date.now()` on every call (not a captured reference), so vitest's fake
 * timers, which replace `Date`, also drive it.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
};

/** Local wall-clock time as `HH:MM:SS`, the format of the Python tool's termination log lines. */
export function formatClockTime(epochMs: number): string {
  const time = new Date(epochMs);
  return [time.getHours(), time.getMinutes(), time.getSeconds()]
    .map((part) => String(part).padStart(2, '0'))
    .join(':');
}
