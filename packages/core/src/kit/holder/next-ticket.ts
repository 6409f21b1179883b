import type { HeldArtefact } from './held-artefact';
import { isSameRun } from './is-same-run';

/** One more than the highest ticket another holder took: the place of a run that takes one now. */
export function nextTicket(artefacts: readonly Pick<HeldArtefact, 'holder'>[], runId: string): number {
  let highest = 0;
  for (const { holder } of artefacts) {
    if (holder !== undefined && !isSameRun(holder.run, runId) && typeof holder.ticket === 'number') {
      highest = Math.max(highest, holder.ticket);
    }
  }
  return highest + 1;
}
