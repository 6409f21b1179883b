import { describe, expect, it } from 'vitest';
import { fakeFound } from './reconcile-test-hooks.test-fixture';
import { sortFoundByHolder } from './sort-found-by-holder';

describe('sortFoundByHolder', () => {
  const alive = fakeFound({ id: 'b-alive', zone: 'z1', holds: [], holder: 'alive' }, ['run-1']);
  const unknown = fakeFound({ id: 'b-unknown', zone: 'z1', holds: [], holder: 'unknown' });
  const over = fakeFound({ id: 'b-over', zone: 'z2', holds: [], holder: 'over' });

  it('leaves alone what a simulation on this machine holds, overrides an unknown holder and undoes an ended one', () => {
    const sorted = sortFoundByHolder([alive, unknown, over], false);
    expect(sorted.workable.map((entry) => entry.target.id)).toEqual(['b-unknown', 'b-over']);
    expect(sorted.leftAlone).toEqual([
      {
        kind: 'blocker',
        id: 'b-alive',
        zone: 'z1',
        details: { net: 'net-1', holder: 'holder of b-alive', holderState: 'alive', runIds: ['run-1'] },
      },
    ]);
    expect(sorted.overridden.map((target) => [target.id, target.details?.holderState])).toEqual([
      ['b-unknown', 'unknown'],
    ]);
    expect(sorted.warnings).toEqual([
      'b-alive (zone z1) belongs to a simulation still running on this machine, holder of b-alive: not touched.',
      'b-unknown (zone z1) is held by holder of b-unknown, which may still be running: rolled back anyway (chaosgarden rollback overrides any holder not running on this machine).',
    ]);
  });

  it('says what it would do in a dry run', () => {
    expect(sortFoundByHolder([unknown], true).warnings[0]).toContain('would be rolled back anyway');
  });
});
