import type { ComputeFailureMode, NetworkFailureMode } from '@chaosgarden/core';

/** The compute failure modes contract v1 knows. A descriptor may list a subset, never anything else. */
export const knownComputeFailureModes: readonly ComputeFailureMode[] = ['terminate', 'restart'];

/** The network failure modes contract v1 knows. */
export const knownNetworkFailureModes: readonly NetworkFailureMode[] = ['total', 'ingress', 'egress'];

/** The four actions `load()` must return, each taking one options object. */
export const providerActionNames = [
  'assessFiltersImpact',
  'runComputeFailureSimulation',
  'runNetworkFailureSimulation',
  'rollbackNetworkFailureSimulation',
] as const;

/** Name of one of the four provider actions. */
export type ProviderActionName = (typeof providerActionNames)[number];

/**
 * What the conformance checks pass to every action: the plugin's own valid inputs. They must not point
 * at a real cloud account: the checks call the actions and expect them to refuse or stop before any
 * cloud call, but a plugin that does not would then act on whatever these inputs reach.
 */
export interface ConformanceInput {
  /** A zone the plugin accepts, e.g. `eu-west-1a`. */
  zone: string;
  /** Filters that select something (not all empty) and use only the descriptor's `filterKeys`. */
  filters?: unknown;
  /** Configuration the plugin accepts; point endpoints at a sandbox or an unreachable address. */
  configuration?: unknown;
  /** Dummy secrets of the right shape; never real credentials. */
  secrets?: unknown;
}

/** Options common to checks that call plugin code which might hang. */
export interface SettleOptions {
  /** How long one call may take to settle before it counts as hanging. Default 5000 ms. */
  timeoutMs?: number;
}

/** How long one plugin call may take to settle, unless `timeoutMs` says otherwise. */
export const defaultCallTimeoutMs = 5_000;

/** Formats an unknown thrown value for a violation message: name, code (if any) and message. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const codeText = typeof code === 'string' ? ` [${code}]` : '';
    return `${error.name}${codeText}: ${error.message}`;
  }
  return `a non-error value (${typeof error}): ${String(error)}`;
}
