import { type NetworkFailureSimulationStatus, PartialSimulationError, type Target } from '@chaosgarden/core';
import type { BlockReadBack } from './block-readback';

/**
 * Refuses a partial block right after the read-back, so that the run rolls back at once instead of
 * waiting: unless the caller accepts it with `allowPartial`, and always when none of the planned subnets
 * was blocked (that simulates nothing). The causes are the failed moves of the missed subnets.
 *
 * @throws PartialSimulationError naming each subnet not blocked and why.
 */
export function assertBlockAccepted(
  readBack: BlockReadBack,
  options: { zone: string; allowPartial: boolean; failures: ReadonlyMap<string, unknown> },
): void {
  if (readBack.missed.length === 0 || (options.allowPartial && readBack.blocked.length > 0)) {
    return;
  }
  const failures = readBack.missed.flatMap(({ subnetId }) =>
    options.failures.has(subnetId) ? [options.failures.get(subnetId)] : [],
  );
  throw new PartialSimulationError({
    zone: options.zone,
    kind: 'subnets',
    planned: readBack.planned,
    missed: readBack.missed.map(({ subnetId, why }) => `${subnetId} (${why})`),
    ...(failures.length === 0
      ? {}
      : { cause: new AggregateError(failures, `${failures.length} subnet(s) could not be moved`) }),
  });
}

/**
 * The result's `status` and `blocked`: what the read-back after blocking showed. Without a read-back
 * (the run was stopped before it changed anything, or the read-back failed after a stop) a non-empty
 * plan is `partial` and `blocked` lists the moves the calls reported.
 */
export function blockStatus(
  planned: number,
  readBack: BlockReadBack | undefined,
  moved: readonly Target[],
): { status: NetworkFailureSimulationStatus; blocked: readonly Target[] } {
  if (planned === 0) {
    return { status: 'complete', blocked: [] };
  }
  if (readBack === undefined) {
    return { status: 'partial', blocked: moved };
  }
  return { status: readBack.missed.length === 0 ? 'complete' : 'partial', blocked: readBack.blocked };
}
