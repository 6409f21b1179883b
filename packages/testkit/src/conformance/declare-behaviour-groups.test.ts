import * as vitest from 'vitest';
import { describe, expect, it } from 'vitest';
import { behaviourGroupNames } from './behaviour-group-names';
import { describeProviderConformance } from './describe-provider-conformance';
import { createExamplePlugin, type ExampleBreak, exampleValidInput } from './example-plugin.test-fixture';
import { runSuite } from './recorded-suite.test-fixture';

// The real thing: every behaviour group, declared with vitest, passes the conforming example plugin.
const conforming = createExamplePlugin();
describeProviderConformance({
  vitest,
  descriptor: conforming.descriptor,
  validInput: exampleValidInput,
  standIn: conforming.standIn,
  behaviourTimeoutMs: 2_000,
});

const behaviourTests = {
  'ledger-before-change': [
    'runNetworkFailureSimulation records every change as an intent before the stand-in shows it',
    'rollbackNetworkFailureSimulation records every change as an intent before the stand-in shows it',
  ],
  'rollback-twice': ['rolling back a left-over twice succeeds and leaves nothing'],
  'lock-refusal': [
    'a second network simulation of the zone is refused with SimulationLockedError on the same machine',
    'a second network simulation of the zone is refused with SimulationLockedError from another CHAOSGARDEN_HOST_ID',
  ],
  reconcile: ["reconcile undoes a killed simulation's left-over and the stand-in shows nothing left"],
  'unknown-option': [
    "assessFiltersImpact refuses the misspelt option 'maxTarget' before any change",
    "runComputeFailureSimulation refuses the misspelt option 'maxTarget' before any change",
    "runNetworkFailureSimulation refuses the misspelt option 'maxTarget' before any change",
    "rollbackNetworkFailureSimulation refuses the misspelt option 'maxTarget' before any change",
    "reconcile refuses the misspelt option 'dryrun' before any change",
  ],
};

/** Runs the whole suite, behaviour groups included, against the example plugin broken as asked. */
async function runBehaviour(
  broken?: ExampleBreak,
  extra: { skipGroups?: (typeof behaviourGroupNames)[number][] } = {},
) {
  const { descriptor, standIn } = createExamplePlugin(broken);
  return runSuite({
    descriptor,
    validInput: exampleValidInput,
    standIn,
    behaviourTimeoutMs: 2_000,
    ...extra,
  });
}

describe('behaviour groups', () => {
  it('declares every group for a full stand-in hook, and all of them pass for a conforming plugin', async () => {
    const { tests, failures } = await runBehaviour();
    expect(failures).toEqual({});
    const names = tests.map((test) => test.name);
    expect(names).toEqual(expect.arrayContaining(Object.values(behaviourTests).flat()));
    expect(tests).toHaveLength(1 + 1 + 16 + 4 + Object.values(behaviourTests).flat().length);
    expect(Object.keys(behaviourTests)).toEqual([...behaviourGroupNames]);
  });

  const cases: [ExampleBreak, keyof typeof behaviourTests, string[], RegExp][] = [
    [
      'change-before-intent',
      'ledger-before-change',
      behaviourTests['ledger-before-change'].slice(0, 1),
      /block:net-1 appeared in the stand-in \(seen at recordIntent block-network\) before an intent naming net-1 was recorded/,
    ],
    [
      'rollback-fails-when-clean',
      'rollback-twice',
      behaviourTests['rollback-twice'],
      /the second roll-back of a left-over \(block:net-1, block:net-2\) failed: CloudApiError \[cloud-api-error\]: example UnblockNetwork failed: Error: no block on net-1/,
    ],
    [
      'no-lock',
      'lock-refusal',
      behaviourTests['lock-refusal'],
      /a second simulation of the same zone and filters \(same machine\) while the first holds it was accepted/,
    ],
    [
      'no-cloud-holder',
      'lock-refusal',
      behaviourTests['lock-refusal'].slice(1),
      /\(another host\) while the first holds it was accepted/,
    ],
    [
      'reconcile-leaves-leftover',
      'reconcile',
      behaviourTests.reconcile,
      /after reconcile of a killed run's left-over \(block:net-1, block:net-2\) the stand-in shows block:net-1, block:net-2/,
    ],
    [
      'accepts-unknown-options',
      'unknown-option',
      behaviourTests['unknown-option'],
      /with the misspelt option 'maxTarget' was accepted; refuse an unknown top-level option key/,
    ],
  ];
  for (const [broken, group, failing, message] of cases) {
    it(`fails only the ${group} tests it breaks for a plugin with '${broken}'`, async () => {
      const { failures } = await runBehaviour(broken);
      expect(Object.keys(failures).sort()).toEqual([...failing].sort());
      expect(Object.values(failures)[0]).toMatch(message);
    });
  }

  it('switches a group off by name, and refuses a name that is no group', async () => {
    const { tests, failures } = await runBehaviour('accepts-unknown-options', {
      skipGroups: ['unknown-option', 'reconcile'],
    });
    expect(failures).toEqual({});
    const names = tests.map((test) => test.name);
    expect(names).not.toContain(behaviourTests['unknown-option'][0]);
    expect(names).not.toContain(behaviourTests.reconcile[0]);
    expect(names).toContain(behaviourTests['rollback-twice'][0]);
    await expect(runBehaviour(undefined, { skipGroups: ['lock' as 'lock-refusal'] })).rejects.toThrow(
      /skipGroups names no behaviour group: lock \(groups: ledger-before-change, /,
    );
  });

  it('declares the reconcile group only when the hook can make a run look killed, and no group without a hook', async () => {
    const { descriptor, standIn } = createExamplePlugin();
    const { markRunDead: _markRunDead, ...withoutKill } = standIn;
    const partial = await runSuite({ descriptor, validInput: exampleValidInput, standIn: withoutKill });
    expect(partial.tests.map((test) => test.name)).not.toContain(behaviourTests.reconcile[0]);
    expect(partial.failures).toEqual({});
    const none = await runSuite({ descriptor, validInput: exampleValidInput });
    expect(none.tests).toHaveLength(1 + 1 + 16 + 4);
  });
});
