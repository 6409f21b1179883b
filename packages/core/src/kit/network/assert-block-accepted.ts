import { PartialSimulationError } from '../../errors/partial-simulation-error';
import type { BlockReadBack } from './block-read-back';

/**
 * Refuses a partial block right after the read-back, so that the run rolls back at once instead of
 * waiting: unless the caller accepts it with `allowPartial`, and always when none of the planned targets
 * was blocked (that simulates nothing). The causes are the failed calls of the missed targets.
 *
 * @throws PartialSimulationError naming each target not blocked and why.
 */
export function assertBlockAccepted(
  readBack: BlockReadBack,
  options: { zone: string; allowPartial: boolean; kind: string },
): void {
  if (readBack.missed.length === 0 || (options.allowPartial && readBack.blocked.length > 0)) {
    return;
  }
  const failures = readBack.missed.flatMap((missed) => ('failure' in missed ? [missed.failure] : []));
  throw new PartialSimulationError({
    zone: options.zone,
    kind: options.kind,
    planned: readBack.planned,
    missed: readBack.missed.map(({ id, why }) => `${id} (${why})`),
    ...(failures.length === 0
      ? {}
      : { cause: new AggregateError(failures, `${failures.length} ${options.kind} could not be cut off`) }),
  });
}
