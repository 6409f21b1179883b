import { SimulationLockedError } from '../../errors/simulation-locked-error';
import { abortableSleep } from '../../tasks/abortable-sleep';
import type { CloudLockWords } from './cloud-lock-words';
import { type ClaimDecision, decideClaim } from './decide-claim';
import type { HeldArtefact } from './held-artefact';
import type { HolderRecord } from './holder-record';
import type { HolderScope } from './holder-role';
import { nextTicket } from './next-ticket';

export interface ClaimZoneOptions {
  /** This run's holder (ticket null), already written onto every artefact it created. */
  own: HolderRecord;
  scope: HolderScope;
  /** Lists the zone's artefacts with their holders (the same set every run of this zone looks at). */
  list: () => Promise<readonly HeldArtefact[]>;
  /** Writes the holder with its ticket onto every artefact this run created. */
  writeTicket: (holder: HolderRecord) => Promise<void>;
  words: CloudLockWords;
  signal: AbortSignal;
  /** How often to look again while another run is still taking its ticket. Default 200 ms. */
  pollMs?: number;
  /** How long another run may take to write its ticket before this run gives way. Default 60 s. */
  waitLimitMs?: number;
}

/**
 * The cloud lock's second half (a bakery lock over the zone's artefacts), after this run created its
 * artefacts (holder with ticket null) and before it cuts anything: lists the zone's artefacts, takes the
 * ticket one above the highest seen and writes it, lists again, waits while another run is still without
 * a ticket, and goes ahead only if no other live holder goes first (`decideClaim`). Of runs that do this at
 * the same moment exactly one goes ahead; one that starts later sees a higher ticket and gives way.
 *
 * @returns this run's holder with its ticket.
 * @throws SimulationLockedError naming the holder that goes first; the caller's roll-back then removes
 *   this run's own artefacts (nothing was cut).
 */
export async function claimZone(options: ClaimZoneOptions): Promise<HolderRecord> {
  const pollMs = options.pollMs ?? 200;
  const waitLimitMs = options.waitLimitMs ?? 60_000;
  const claimed: HolderRecord = { ...options.own, ticket: nextTicket(await options.list(), options.own.run) };
  await options.writeTicket(claimed);
  const deadline = Date.now() + waitLimitMs;
  for (;;) {
    const decision = decideClaim(claimed, await options.list(), options.scope);
    if (decision.verdict === 'won') return claimed;
    if (decision.verdict === 'lost' || Date.now() > deadline) {
      throw lockedBy(decision, options.words, waitLimitMs);
    }
    await abortableSleep(pollMs, options.signal);
  }
}

function lockedBy(
  decision: Exclude<ClaimDecision, { verdict: 'won' }>,
  words: CloudLockWords,
  waitLimitMs: number,
): SimulationLockedError {
  return new SimulationLockedError({
    lock: words.lock,
    holder: words.describe(decision.holder),
    seen: `in the cloud (${decision.artefact.where}, created at the same moment as this run's)`,
    hint:
      decision.verdict === 'lost'
        ? `Both runs started at the same moment and that one goes first; ${words.undone}. Wait for that run to end.`
        : `That run did not take its place in the claim order within ${waitLimitMs / 1000} s; ${words.undone}. If that run died, roll its partition back (\`chaosgarden rollback --zone …\`).`,
  });
}
