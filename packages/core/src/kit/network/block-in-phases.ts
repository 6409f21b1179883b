import type { Target } from '../../provider/v1/results';
import { settledValues } from '../map-with-concurrency';
import { defaultCallConcurrency, settleWithConcurrency } from '../settle-with-concurrency';

export interface BlockInPhasesOptions<Unit, Prepared> {
  /** What to cut, one unit each (a VPC's subnets, a network). */
  units: readonly Unit[];
  /** Creates what cuts one unit off without cutting yet (a blocking ACL with its rules); undefined: nothing to cut. */
  prepare: (unit: Unit) => Promise<Prepared | undefined>;
  /** Runs between the phases, once every unit is prepared: the claim, covering all of this run's artefacts. */
  beforeBlocking?: () => Promise<void>;
  /** Cuts one prepared unit off (moves its subnets): the targets cut off. */
  block: (prepared: Prepared) => Promise<readonly Target[]>;
  /** Receives the targets as they are cut off, so that a failure or a stop still knows them. */
  blocked: Target[];
  /** Default `defaultCallConcurrency`. */
  concurrency?: number;
}

/**
 * Blocks every unit, a few at a time: prepares every one first, then calls `beforeBlocking`, then cuts them
 * off. The first failure of a phase is thrown once every unit of it settled.
 */
export async function blockInPhases<Unit, Prepared>(
  options: BlockInPhasesOptions<Unit, Prepared>,
): Promise<void> {
  const limit = options.concurrency ?? defaultCallConcurrency;
  const prepared = settledValues(await settleWithConcurrency(options.units, limit, options.prepare));
  await options.beforeBlocking?.();
  settledValues(
    await settleWithConcurrency(
      prepared.filter((item): item is Prepared => item !== undefined),
      limit,
      async (item) => {
        options.blocked.push(...(await options.block(item)));
      },
    ),
  );
}
