import { compareHolders } from './compare-holders';
import type { HeldArtefact } from './held-artefact';
import type { HolderRecord } from './holder-record';
import { type HolderScope, holderRole } from './holder-role';

/** What a run does after it wrote its ticket, given what the zone's artefacts show. */
export type ClaimDecision<A extends Pick<HeldArtefact, 'holder'> = HeldArtefact> =
  | { verdict: 'won' }
  /** Another holder goes first: this run gives way. */
  | { verdict: 'lost'; artefact: A; holder: HolderRecord | undefined }
  /** Another holder is still taking its ticket: look again. */
  | { verdict: 'wait'; artefact: A; holder: HolderRecord };

/**
 * What `own` (with its ticket) does, given the zone's artefacts listed after it wrote its ticket. Only
 * artefacts another simulation would not roll back take part (`holderRole` `held`); one of them that goes
 * first in `compareHolders` wins over `own`, one still without a ticket must be waited for.
 */
export function decideClaim<A extends Pick<HeldArtefact, 'holder'>>(
  own: HolderRecord,
  artefacts: readonly A[],
  scope: HolderScope,
  now = Date.now(),
): ClaimDecision<A> {
  let waitFor: ClaimDecision<A> | undefined;
  for (const artefact of artefacts) {
    const { holder } = artefact;
    if (holderRole(holder, scope, now) !== 'held') continue;
    if (holder?.ticket === null) {
      waitFor ??= { verdict: 'wait', artefact, holder };
      continue;
    }
    if (compareHolders(holder, own) < 0) return { verdict: 'lost', artefact, holder };
  }
  return waitFor ?? { verdict: 'won' };
}
