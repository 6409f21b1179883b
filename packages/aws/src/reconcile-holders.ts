import type { Target } from '@chaosgarden/core';
import { holderState } from '@chaosgarden/core';
import { describeAclHolder, holderOf } from './artefacts';
import type { FoundAcl } from './reconcile-scan';

/** The found ACLs sorted by their holder: what reconcile undoes, and whom it leaves alone or overrides. */
export interface HolderSort {
  /** ACLs to undo: their holder provably ended, or is not known to be alive. */
  workable: FoundAcl[];
  /** ACLs of a simulation still running on this machine: never touched (`details.holder` names it). */
  leftAlone: Target[];
  /** Workable ACLs whose holder is not provably over (another machine within its lease, or no holder tag). */
  overridden: Target[];
  warnings: string[];
}

/**
 * Reconcile is the panic button: it undoes every partition whose holder is not provably alive, and
 * says whom it overrode; a partition held by a process that still runs on this machine is left alone.
 */
export function sortByHolder(found: readonly FoundAcl[], dryRun: boolean, now = Date.now()): HolderSort {
  const sorted: HolderSort = { workable: [], leftAlone: [], overridden: [], warnings: [] };
  for (const entry of found) {
    const holder = holderOf(entry.acl.Tags ?? []);
    const state = holderState(holder, now);
    const aclId = entry.acl.NetworkAclId ?? '';
    const described = describeAclHolder(holder);
    const target: Target = {
      kind: 'network-acl',
      id: aclId,
      zone: entry.zone,
      details: { vpcId: entry.acl.VpcId, holder: described, holderState: state, runIds: entry.runIds },
    };
    if (state === 'alive') {
      sorted.leftAlone.push(target);
      sorted.warnings.push(
        `${aclId} (zone ${entry.zone}) belongs to a simulation still running on this machine, ${described}: not touched.`,
      );
      continue;
    }
    sorted.workable.push(entry);
    if (state === 'unknown') {
      sorted.overridden.push(target);
      sorted.warnings.push(
        `${aclId} (zone ${entry.zone}) is held by ${described}, which may still be running: ${dryRun ? 'would be rolled back anyway' : 'rolled back anyway'} (chaosgarden rollback overrides any holder not running on this machine).`,
      );
    }
  }
  return sorted;
}
