import { createMemoryLogger, type ReconcileReport } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { summarizeRollback } from './rollback-summary';

const aws = (fields: Partial<ReconcileReport>): ReconcileReport => ({
  provider: 'aws',
  runs: [],
  found: [],
  restored: [],
  removed: [],
  verified: [],
  leftovers: [],
  warnings: [],
  ...fields,
});
const targets = (kind: string, count: number) =>
  Array.from({ length: count }, (_, index) => ({ kind, id: `${kind}-${index}` }));

describe('summarizeRollback', () => {
  it('counts what a dry run would restore and remove, per provider and kind', () => {
    const logger = createMemoryLogger();
    const leftovers = summarizeRollback(
      [
        aws({ dryRun: true, wouldRestore: targets('subnet', 5), wouldRemove: targets('network-acl', 2) }),
        {
          provider: 'k8s',
          cluster: 'https://127.0.0.1:6443',
          wouldRemove: ['Namespace chaos-garden-probe'],
          removed: [],
          verified: [],
          leftovers: [],
        },
      ],
      true,
      logger,
    );
    expect(leftovers).toBe(0);
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'Dry run: would restore 5 subnet(s) and remove 2 network-acl(s) (aws); remove 1 health probe resource(s) from https://127.0.0.1:6443 (k8s); nothing was changed.',
    ]);
  });

  it('says when a dry run found nothing, and never claims "nothing left behind" for it', () => {
    const logger = createMemoryLogger();
    summarizeRollback([aws({ dryRun: true })], true, logger);
    expect(logger.entries.map((entry) => entry.message)).toEqual([
      'Dry run: nothing to restore or remove; nothing was changed.',
    ]);
  });

  it('names the holders a dry run would override or leave alone', () => {
    const logger = createMemoryLogger();
    summarizeRollback(
      [
        aws({
          dryRun: true,
          leftAlone: targets('network-acl', 2),
          overridden: targets('network-acl', 1),
          wouldRemove: targets('network-acl', 1),
        }),
      ],
      true,
      logger,
    );
    expect(logger.entries[0]?.message).toBe(
      'Dry run: would remove 1 network-acl(s) (aws; overriding 1 holder(s) named above, leaving 2 of running simulations alone); nothing was changed.',
    );
  });

  it('after a real roll-back, counts what is left', () => {
    const logger = createMemoryLogger();
    expect(summarizeRollback([aws({ leftovers: ['acl-1'] })], false, logger)).toBe(1);
    expect(logger.entries[0]?.message).toBe('1 left-over(s) could not be restored; see above.');
  });
});
