import type { LedgerEntryInput } from '@chaosgarden/core';
import type { StandInArtefact } from './conformance-stand-in';
import type { StandInSnapshot } from './watching-ledger';

/**
 * Compares the stand-in's snapshots with the intents: each time an artefact appears or disappears
 * between two snapshots, one more intent naming one of its `resources` must have been accepted before
 * the later snapshot came back. The first snapshot is the state before the run.
 *
 * @returns One sentence per artefact changed without an intent announcing it first.
 */
export function unannouncedChanges(
  snapshots: readonly StandInSnapshot[],
  intents: readonly LedgerEntryInput[],
): string[] {
  const [baseline, ...later] = snapshots;
  if (baseline === undefined) return [];
  const lastSeen = new Map<string, StandInArtefact>(
    baseline.artefacts.map((artefact) => [artefact.id, artefact]),
  );
  const present = new Set(lastSeen.keys());
  const changes = new Map<string, number>();
  const violations = new Map<string, string>();
  for (const snapshot of later) {
    const shown = new Map(snapshot.artefacts.map((artefact) => [artefact.id, artefact]));
    for (const id of new Set([...present, ...shown.keys()])) {
      const appeared = shown.has(id);
      if (present.has(id) === appeared) continue;
      const artefact = shown.get(id) ?? lastSeen.get(id);
      if (artefact === undefined) continue;
      const count = (changes.get(id) ?? 0) + 1;
      changes.set(id, count);
      const announced = intents
        .slice(0, snapshot.intentsBefore)
        .filter((intent) =>
          intent.resources.some((resource) => artefact.resources.includes(resource)),
        ).length;
      if (count > announced && !violations.has(id)) {
        violations.set(
          id,
          `${id} ${appeared ? 'appeared in' : 'disappeared from'} the stand-in (seen at ${snapshot.at}) ` +
            `before an intent naming ${artefact.resources.join(' or ')} was recorded; ` +
            'await ledger.recordIntent(...) before every change',
        );
      }
      if (appeared) {
        present.add(id);
        lastSeen.set(id, artefact);
      } else {
        present.delete(id);
      }
    }
  }
  return [...violations.values()];
}
