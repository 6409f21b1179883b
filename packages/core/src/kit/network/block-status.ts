import type { NetworkFailureSimulationStatus, Target } from '../../provider/v1/results';
import type { BlockReadBack } from './block-read-back';

/**
 * The result's `status` and `blocked`: what the read-back after blocking showed. Without a read-back (the
 * run was stopped before it changed anything, or the read-back failed after a stop) a non-empty plan is
 * `partial` and `blocked` lists the cuts the calls reported.
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
