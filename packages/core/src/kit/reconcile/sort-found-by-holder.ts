import type { Target } from '../../provider/v1/results';
import type { FoundArtefact } from './reconcile-types';

/** The found artefacts sorted by their holder: what reconcile undoes, and whom it leaves alone or overrides. */
export interface HolderSort<TArtefact> {
  /** To undo: their holder provably ended, or is not known to be alive. */
  workable: FoundArtefact<TArtefact>[];
  /** Of a simulation still running on this machine: never touched (`details.holder` names it). */
  leftAlone: Target[];
  /** Workable, although their holder is not provably over (another machine within its lease, or no holder mark). */
  overridden: Target[];
  warnings: string[];
}

/**
 * Reconcile is the panic button: it undoes every left-over whose holder is not provably alive, and
 * says whom it overrode; one held by a process that still runs on this machine is left alone.
 */
export function sortFoundByHolder<TArtefact>(
  found: readonly FoundArtefact<TArtefact>[],
  dryRun: boolean,
): HolderSort<TArtefact> {
  const sorted: HolderSort<TArtefact> = { workable: [], leftAlone: [], overridden: [], warnings: [] };
  for (const entry of found) {
    const { state, description } = entry.holder;
    const { kind, id, zone } = entry.target;
    const target: Target = {
      kind,
      id,
      ...(zone === undefined ? {} : { zone }),
      details: { ...entry.location, holder: description, holderState: state, runIds: entry.runIds },
    };
    if (state === 'alive') {
      sorted.leftAlone.push(target);
      sorted.warnings.push(
        `${id} (zone ${zone}) belongs to a simulation still running on this machine, ${description}: not touched.`,
      );
      continue;
    }
    sorted.workable.push(entry);
    if (state === 'unknown') {
      sorted.overridden.push(target);
      sorted.warnings.push(
        `${id} (zone ${zone}) is held by ${description}, which may still be running: ${dryRun ? 'would be rolled back anyway' : 'rolled back anyway'} (chaosgarden rollback overrides any holder not running on this machine).`,
      );
    }
  }
  return sorted;
}
