/**
 * Readers for the fields SDK errors carry, across the shapes in use: AWS SDK v3 (`$metadata`, `name`
 * = error code, `$response`), Azure `RestError` (`statusCode`, `code`), Google gax (`code` = gRPC
 * number), Kubernetes client (`code` = HTTP status, `body`), fetch/undici (`cause.code`), axios-like
 * (`response.status`).
 */
export type ErrorBag = Readonly<Record<string, unknown>>;

export function asBag(value: unknown): ErrorBag | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorBag) : undefined;
}

/** The HTTP status an error reports, if any. */
export function httpStatusOf(error: unknown): number | undefined {
  const bag = asBag(error);
  if (bag === undefined) {
    return undefined;
  }
  const response = asBag(bag.response);
  const candidates = [
    asBag(bag.$metadata)?.httpStatusCode,
    bag.statusCode,
    bag.status,
    response?.status,
    response?.statusCode,
    asBag(bag.$response)?.statusCode,
    bag.code,
  ];
  for (const candidate of candidates) {
    const status = typeof candidate === 'string' && /^\d{3}$/.test(candidate) ? Number(candidate) : candidate;
    if (typeof status === 'number' && Number.isInteger(status) && status >= 100 && status <= 599) {
      return status;
    }
  }
  return undefined;
}

/** Every string an error uses as its code or type: `code`, `name`, `Code`, `errorCode`, `__type`. */
export function errorCodesOf(error: unknown): string[] {
  const bag = asBag(error);
  if (bag === undefined) {
    return [];
  }
  return [bag.code, bag.name, bag.Code, bag.errorCode, bag.__type].filter(
    (value): value is string => typeof value === 'string' && value !== '',
  );
}

/** Text an error carries about itself (message, codes, response body), for pattern checks. */
export function errorTextOf(error: unknown): string {
  const bag = asBag(error);
  if (bag === undefined) {
    return typeof error === 'string' ? error : '';
  }
  const response = asBag(bag.response);
  const parts: unknown[] = [
    bag.message,
    ...errorCodesOf(error),
    bag.body,
    response?.body,
    response?.data,
    asBag(bag.$response)?.body,
  ];
  return parts.map(textOf).join('\n');
}

function textOf(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  // Parsed JSON bodies; streams and buffers (AWS `$response.body`) are left alone.
  if (asBag(value) !== undefined && Object.getPrototypeOf(value) === Object.prototype) {
    try {
      return JSON.stringify(value).slice(0, 10_000);
    } catch {
      return '';
    }
  }
  return '';
}

export function causeOf(error: unknown): unknown {
  return asBag(error)?.cause;
}
