import type { Target } from '../../provider/v1/results';
import type { ArtefactHolderState, FoundArtefact, ReconcileHooks, ReconcilePlace } from './reconcile-types';

/** A stand-in cloud for the reconcile skeleton: blocking artefacts by id, each holding some resources. */
export interface FakeArtefact {
  id: string;
  zone: string;
  holds: string[];
  holder?: ArtefactHolderState;
  /** Undoing it fails (it stays). */
  stuck?: boolean;
}

export function fakeFound(artefact: FakeArtefact, runIds: string[] = []): FoundArtefact<FakeArtefact> {
  return {
    artefact,
    target: { kind: 'blocker', id: artefact.id, zone: artefact.zone, details: { runIds } },
    location: { net: 'net-1' },
    text: `blocker ${artefact.id} for zone ${artefact.zone}`,
    foundBy: runIds.length > 0 ? ['ledger', 'mark'] : ['mark'],
    runIds,
    holder: { state: artefact.holder ?? 'over', description: `holder of ${artefact.id}` },
  };
}

/**
 * One place (`cloud-1`) holding `artefacts`; every pending run announcing `create-blocker` is covered
 * by it. Records the calls the skeleton made, in order.
 */
export function fakeCloud(artefacts: FakeArtefact[]) {
  const calls: string[] = [];
  const live = new Map(artefacts.map((artefact) => [artefact.id, artefact]));
  const place: ReconcilePlace & { name: string } = { name: 'cloud-1', label: 'cloud-1', runIds: [] };
  const hooks: ReconcileHooks<ReconcilePlace & { name: string }, FakeArtefact> = {
    places: (runs) => {
      calls.push(`places ${runs.map((run) => run.runId).join(',')}`);
      const runIds = runs.filter((run) => announces(run.changes)).map((run) => run.runId);
      return [{ ...place, runIds }];
    },
    open: async (opened) => {
      calls.push(`open ${opened.name}`);
      return {
        scan: async () =>
          [...live.values()].map((artefact) => fakeFound(artefact, opened.runIds as string[])),
        plan: async (found) => {
          calls.push(`plan ${found.map((entry) => entry.target.id).join(',')}`);
          return {
            wouldRestore: found.flatMap((entry) =>
              entry.artefact.holds.map((id) => resource(id, entry.artefact)),
            ),
            wouldRemove: found.map((entry) => entry.target),
            warnings: [],
            leftovers: [],
          };
        },
        undo: async (found) => {
          calls.push(`undo ${found.map((entry) => entry.target.id).join(',')}`);
          const undone = found.filter((entry) => entry.artefact.stuck !== true);
          for (const entry of undone) live.delete(entry.target.id);
          return {
            restored: undone.flatMap((entry) =>
              entry.artefact.holds.map((id) => resource(id, entry.artefact)),
            ),
            removed: undone.map((entry) => entry.target),
            warnings: [],
            leftovers: found.filter((entry) => entry.artefact.stuck === true).map((entry) => entry.target.id),
          };
        },
        verify: async ({ leftAlone }) => {
          calls.push(`verify (left alone: ${leftAlone.map((target) => target.id).join(',')})`);
          const left = [...live.keys()].filter((id) => !leftAlone.some((target) => target.id === id));
          return { verified: left.length === 0 ? ['no blocker left'] : [], leftovers: [], warnings: [] };
        },
        close: () => void calls.push(`close ${opened.name}`),
      };
    },
    announcesArtefacts: (run) => announces(run.changes),
    isIrreversible: (change) => change.intent.action === 'terminate-machines',
  };
  return { hooks, calls, live };
}

function announces(changes: readonly { intent: { action: string } }[]): boolean {
  return changes.some((change) => change.intent.action === 'create-blocker');
}

function resource(id: string, artefact: FakeArtefact): Target {
  return { kind: 'resource', id, zone: artefact.zone, details: { from: artefact.id } };
}
