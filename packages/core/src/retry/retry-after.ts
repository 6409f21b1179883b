import { asBag, causeOf } from './error-shape';

const maximumCauseDepth = 4;

/**
 * How long the server asked us to wait, in milliseconds, if the error says: a `Retry-After` header
 * (seconds or an HTTP date), Azure's `retry-after-ms`/`x-ms-retry-after-ms`, or a `retryAfter`
 * (seconds) / `retryAfterMs` field. Looks through `cause` too.
 */
export function retryAfterMs(error: unknown, nowMs: number = Date.now()): number | undefined {
  let current = error;
  for (let depth = 0; depth <= maximumCauseDepth && asBag(current) !== undefined; depth++) {
    const found = ownRetryAfterMs(current, nowMs);
    if (found !== undefined) {
      return found;
    }
    current = causeOf(current);
  }
  return undefined;
}

function ownRetryAfterMs(error: unknown, nowMs: number): number | undefined {
  const bag = asBag(error);
  if (bag === undefined) {
    return undefined;
  }
  if (typeof bag.retryAfterMs === 'number' && bag.retryAfterMs >= 0) {
    return bag.retryAfterMs;
  }
  const seconds = bag.retryAfter ?? bag.retryAfterSeconds;
  if (typeof seconds === 'number' && seconds >= 0) {
    return seconds * 1000;
  }
  if (typeof seconds === 'string') {
    return parseRetryAfter(seconds, nowMs);
  }
  for (const headers of [bag.headers, asBag(bag.response)?.headers, asBag(bag.$response)?.headers]) {
    const milliseconds = header(headers, 'retry-after-ms') ?? header(headers, 'x-ms-retry-after-ms');
    if (milliseconds !== undefined && /^\d+$/.test(milliseconds)) {
      return Number(milliseconds);
    }
    const value = header(headers, 'retry-after');
    if (value !== undefined) {
      return parseRetryAfter(value, nowMs);
    }
  }
  return undefined;
}

/** A header from a fetch `Headers`, or from a plain record with any capitalisation. */
function header(headers: unknown, name: string): string | undefined {
  const bag = asBag(headers);
  if (bag === undefined) {
    return undefined;
  }
  if (typeof bag.get === 'function') {
    const value = (bag.get as (key: string) => unknown).call(headers, name);
    return typeof value === 'string' ? value : undefined;
  }
  for (const [key, value] of Object.entries(bag)) {
    if (key.toLowerCase() === name) {
      return Array.isArray(value) ? String(value[0]) : String(value);
    }
  }
  return undefined;
}

function parseRetryAfter(value: string, nowMs: number): number | undefined {
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1000;
  }
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}
