import { toPlainJson } from '@chaosgarden/core';
import type { ActivityContext, ProviderTree } from './activity-context';

/** Output of an `http` provider, as Chaos Toolkit reports it. */
export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  /** Parsed JSON when the response says so, else text. */
  body: unknown;
}

/**
 * Chaos Toolkit's `http` provider: one request to `url` with `method` (default GET), `headers`,
 * `arguments` (query parameters for GET, a JSON body otherwise) and `timeout` seconds.
 */
export async function runHttpProvider(provider: ProviderTree, context: ActivityContext): Promise<HttpOutput> {
  const method = String(provider.get('method') ?? 'GET').toUpperCase();
  const url = new URL(String(provider.get('url')));
  const headers = (toPlainJson(provider.get('headers') ?? {}) ?? {}) as Record<string, string>;
  const args = toPlainJson(provider.get('arguments'));
  let body: string | undefined;
  if (args !== undefined && args !== null) {
    if (method === 'GET' || method === 'HEAD') {
      for (const [key, value] of Object.entries(args as Record<string, unknown>)) {
        url.searchParams.set(key, String(value));
      }
    } else {
      body = JSON.stringify(args);
      headers['content-type'] ??= 'application/json';
    }
  }
  const timeout = provider.get('timeout');
  const signals = [context.signal];
  if (typeof timeout === 'number') signals.push(AbortSignal.timeout(timeout * 1000));
  const response = await fetch(url, {
    method,
    headers,
    body: body ?? null,
    signal: AbortSignal.any(signals),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('json');
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: json && text !== '' ? JSON.parse(text) : text,
  };
}
