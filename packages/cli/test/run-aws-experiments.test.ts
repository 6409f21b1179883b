import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Journal } from '../src/index';
import {
  aclOfSubnet,
  blockingAclIds,
  clusterTagKey,
  createMotoFixture,
  instanceStates,
  type MotoFixture,
} from './support/moto-fixture';
import { examplesDir, scratchDirectory, startCli } from './support/run-cli';

/** The Python tool's blocking tag key for the example's subnets filter, computed from its definition. */
const pythonTagKey = `gardener.cloud/chaos/chaosgarden-block-${createHash('md5')
  .update(`[{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}]`)
  .digest('hex')
  .slice(0, 16)}-us-east-1a`;

function readJournal(directory: string): Journal {
  return JSON.parse(readFileSync(join(directory, 'journal.json'), 'utf8')) as Journal;
}

describe('chaosgarden run against moto', () => {
  let fixture: MotoFixture | undefined;
  afterEach(() => fixture?.ec2.destroy());

  it('runs the Python-style network experiment unchanged: blocks the zone, rolls back, journals the changes', async () => {
    fixture = await createMotoFixture();
    const original = await aclOfSubnet(fixture.ec2);
    const cwd = scratchDirectory();
    const run = startCli(['run', join(examplesDir, 'aws-network-python.json')], cwd);
    const { code, stderr } = await run.done;
    expect(stderr).toContain('Running experiment: Zone us-east-1a loses its network');
    expect(code).toBe(0);

    // Every subnet is back on its original ACL and no blocking ACL is left.
    expect(await aclOfSubnet(fixture.ec2)).toEqual(original);
    expect(await blockingAclIds(fixture.ec2)).toEqual([]);

    const journal = readJournal(cwd);
    expect(journal.status).toBe('completed');
    expect(journal.run.map((entry) => [entry.activity.name, entry.status])).toEqual([
      ['assess-filters-impact', 'succeeded'],
      ['run-network-failure-simulation', 'succeeded'],
    ]);
    const simulation = journal.run[1];
    const blocked = ((simulation?.output ?? { blocked: [] }) as { blocked: { id: string }[] }).blocked.map(
      (target) => target.id,
    );
    expect(blocked.sort()).toEqual([...fixture.subnetsInZone].sort());
    // The ledger shows the blocking ACL created under the Python tool's tag key and every change undone.
    const changes = simulation?.changes ?? [];
    expect(JSON.stringify(changes)).toContain(pythonTagKey);
    const reversible = changes.filter(
      (entry) =>
        entry.phase === 'intent' &&
        ['create-network-acl', 'replace-network-acl-association'].includes(entry.action),
    );
    const undone = changes.filter((entry) => entry.phase === 'undone').map((entry) => entry.refersTo);
    expect(reversible).toHaveLength(3);
    for (const intent of reversible) expect(undone).toContain(intent.sequence);
    expect(journal.rollbacks.map((entry) => [entry.activity.name, entry.status])).toEqual([
      ['rollback-network-failure-simulation', 'succeeded'],
    ]);
  });

  it("runs the YAML compute experiment: the zone's tagged instances are terminated, nothing else", async () => {
    fixture = await createMotoFixture();
    const cwd = scratchDirectory();
    const { code } = await startCli(['run', join(examplesDir, 'aws-compute.yaml')], cwd).done;
    expect(code).toBe(0);
    const states = await instanceStates(fixture.ec2);
    for (const id of fixture.taggedInZone) expect(['shutting-down', 'terminated']).toContain(states.get(id));
    expect(states.get(fixture.untaggedInZone)).toBe('running');
    expect(states.get(fixture.taggedElsewhere)).toBe('running');
    const journal = readJournal(cwd);
    const affected = (
      (journal.run[0]?.output ?? { affected: [] }) as { affected: { id: string }[] }
    ).affected.map((target) => target.id);
    expect(affected.sort()).toEqual([...fixture.taggedInZone].sort());
    expect(journal.run[0]?.changes?.length ?? 0).toBeGreaterThan(0);
  });
});
