import { SimulationLockedError } from '../../errors/simulation-locked-error';
import type { CloudLockWords } from './cloud-lock-words';
import type { HeldArtefact } from './held-artefact';
import type { HolderRecord } from './holder-record';
import { holderRole } from './holder-role';
import { holderState } from './holder-state';

/**
 * The cloud lock's first half, before anything is created: an artefact of the same zone and filters means
 * another simulation holds the zone, unless its holder provably ended (`holderRole` `left-over`). One
 * without a holder (the Python tool's) counts as held too, unless `rollbackLeftovers`. A run on another
 * host within its lease is never overridden. The second half is `claimZone`.
 *
 * @throws SimulationLockedError naming the holder and the artefact.
 */
export function assertNotHeld(
  artefacts: readonly HeldArtefact[],
  options: { words: CloudLockWords; rollbackLeftovers: boolean; now?: number },
): void {
  const scope = { runId: undefined, rollbackLeftovers: options.rollbackLeftovers };
  const held = artefacts.find(({ holder }) => holderRole(holder, scope, options.now) === 'held');
  if (held === undefined) return;
  throw new SimulationLockedError({
    lock: options.words.lock,
    holder: options.words.describe(held.holder),
    seen: `in the cloud (${held.where})`,
    hint: hintFor(held.holder, options.words.rollbackHint),
  });
}

function hintFor(holder: HolderRecord | undefined, rollback: string): string {
  if (holderState(holder) === 'alive') {
    return 'That process still runs on this machine: wait for it, or stop it (Ctrl-C rolls it back).';
  }
  return holder === undefined
    ? `If that run has ended, ${rollback}, or pass rollbackLeftovers: true (CLI --rollback-leftovers) to have this run roll it back before it blocks.`
    : `Wait for that run to end; if it died, ${rollback} or wait until its lease ends.`;
}
