import type { CloudProviderDescriptorV1, CloudProviderV1 } from '@chaosgarden/core';
import {
  defaultCallTimeoutMs,
  describeThrown,
  providerActionNames,
  type SettleOptions,
} from './contract-facts';
import { settleWithin } from './settle-within';

/**
 * Checks what `descriptor.load()` returned: an object with the four actions as functions and the same
 * `providerType` and `specificationVersion` as the descriptor.
 *
 * @returns One sentence per violation; empty when the provider conforms.
 */
export function checkLoadedProvider(provider: unknown, descriptor: CloudProviderDescriptorV1): string[] {
  if (typeof provider !== 'object' || provider === null) {
    return [`load() must resolve to an object, got ${provider === null ? 'null' : typeof provider}`];
  }
  const record = provider as Record<string, unknown>;
  const violations: string[] = [];
  for (const key of ['specificationVersion', 'providerType'] as const) {
    if (record[key] !== descriptor[key]) {
      violations.push(
        `load() returned ${key} ${JSON.stringify(record[key])}, the descriptor says ${JSON.stringify(descriptor[key])}`,
      );
    }
  }
  for (const name of providerActionNames) {
    if (typeof record[name] !== 'function') {
      violations.push(`load() must return ${name} as a function, got ${typeof record[name]}`);
    }
  }
  return violations;
}

/** What `loadProvider` found: the provider when `load()` resolved, and every violation. */
export interface LoadProviderResult {
  provider: CloudProviderV1 | undefined;
  violations: string[];
}

/**
 * Calls `descriptor.load()` once and checks its result with `checkLoadedProvider`. A `load()` that
 * throws synchronously, rejects, or does not settle within `timeoutMs` is a violation.
 */
export async function loadProvider(
  descriptor: CloudProviderDescriptorV1,
  options: SettleOptions = {},
): Promise<LoadProviderResult> {
  const timeoutMs = options.timeoutMs ?? defaultCallTimeoutMs;
  let returned: unknown;
  const settlement = await settleWithin(() => {
    returned = descriptor.load();
    return returned;
  }, timeoutMs);
  if (settlement.outcome === 'pending') {
    return { provider: undefined, violations: [`load() did not settle within ${timeoutMs} ms`] };
  }
  if (settlement.outcome === 'rejected') {
    return { provider: undefined, violations: [`load() failed: ${describeThrown(settlement.error)}`] };
  }
  const violations = checkLoadedProvider(settlement.value, descriptor);
  if (typeof (returned as { then?: unknown } | undefined)?.then !== 'function') {
    violations.unshift('load() must return a promise, so that it can import the SDK on first use');
  }
  const provider = violations.length === 0 ? (settlement.value as CloudProviderV1) : undefined;
  return { provider, violations };
}
