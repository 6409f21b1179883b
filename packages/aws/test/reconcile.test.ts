import {
  CreateNetworkAclCommand,
  DeleteTagsCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import { createFileLedger, createMemoryLedger, createMemoryLogger, findPendingRuns } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import {
  reconcile,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from '../src/index';
import { markBlockingAclHoldersDead, separateStateDirectory } from './support/dead-holder';
import { clusterFilters } from './support/fixture';
import { interruptingLedger } from './support/ledgers';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, allAcls, blockingAcls } from './support/moto-state';
import { runReference } from './support/reference-python';
import { until } from './support/until';
import { plannedSubnets, untilBlocked } from './support/zone-blocked';

const connection = motoConnection();
useTemporaryStateDirectory();

describe('reconcile against moto', () => {
  const moto = useMotoFixture(connection);
  const access = () => pluginAccess(connection);

  /** A run that died after `intents` association changes: its ledger in `directory`, its holder gone. */
  async function crashedRun(zone: string, directory: string, intents: number) {
    const ledger = createFileLedger({ directory });
    let associations = 0;
    const crash = interruptingLedger(
      ledger,
      (entry) => entry.action === 'replace-network-acl-association' && ++associations === intents,
    );
    void runNetworkFailureSimulation({
      zone,
      filters: clusterFilters(),
      ...access(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: crash.ledger,
      stateDirectory: separateStateDirectory(),
    }).catch(() => undefined);
    await crash.interrupted;
    await until('the calls in flight to finish', async () => crash.inFlight() === 0);
    await markBlockingAclHoldersDead(moto.ec2);
    return ledger.runId;
  }

  it('finds a crashed run by its ledger alone (no zone, filters or region given), restores it and verifies', async () => {
    const before = await aclBySubnet(moto.ec2);
    const directory = separateStateDirectory();
    const runId = await crashedRun(moto.fixture.zones[0], directory, 6);
    expect((await blockingAcls(moto.ec2)).length).toBeGreaterThan(0);
    const logger = createMemoryLogger();

    const report = await reconcile({ secrets: access().secrets, stateDirectory: directory, logger });

    expect(report.leftovers).toEqual([]);
    expect(report.runs).toEqual([runId]);
    expect(report.found.length).toBeGreaterThan(0);
    expect(
      report.found.every((target) => ((target.details?.foundBy ?? []) as string[]).includes('ledger')),
    ).toBe(true);
    expect(report.removed.map((target) => target.id).sort()).toEqual(
      report.found.map((target) => target.id).sort(),
    );
    expect(report.verified).toContainEqual(
      expect.stringMatching(/^\d+ of \d+ subnet\(s\) on their original network ACLs$/),
    );
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    expect((await findPendingRuns({ directory })).runs.filter((run) => run.runId === runId)).toEqual([]);
    const messages = logger.entries.map((entry) => entry.message);
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^Found blocking network ACL acl-\w+ in vpc-\w+ for zone us-east-1a \(us-east-1 at http/,
      ),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(
        /^Reconcile: \d+ blocking network ACL\(s\) found, \d+ subnet\(s\) restored, \d+ ACL\(s\) removed, 0 left-over\(s\)\.$/,
      ),
    );
  });

  it('finds a crashed run’s ACLs by the ledger alone when their tags are gone, and restores the recorded original ACLs', async () => {
    // One subnet of the zone starts on a custom ACL: only the ledger knows to put it back there.
    const target = moto.fixture.subnets.find(
      (subnet) =>
        subnet.zone === moto.fixture.zones[0] && subnet.tagged && subnet.vpcId === moto.fixture.vpcs.a,
    ) as { id: string };
    const custom = (await moto.ec2.send(new CreateNetworkAclCommand({ VpcId: moto.fixture.vpcs.a })))
      .NetworkAcl?.NetworkAclId as string;
    const [association] =
      (
        await moto.ec2.send(
          new DescribeNetworkAclsCommand({
            Filters: [{ Name: 'association.subnet-id', Values: [target.id] }],
          }),
        )
      ).NetworkAcls?.[0]?.Associations?.filter((candidate) => candidate.SubnetId === target.id) ?? [];
    await moto.ec2.send(
      new ReplaceNetworkAclAssociationCommand({
        AssociationId: association?.NetworkAclAssociationId,
        NetworkAclId: custom,
      }),
    );
    const before = await aclBySubnet(moto.ec2);
    const directory = separateStateDirectory();
    // Frozen at its first roll-back step: every subnet blocked, as a SIGKILL during the wait leaves it.
    const ledger = createFileLedger({ directory });
    const crash = interruptingLedger(ledger, (entry) => entry.action === 'restore-network-acl-association');
    void runNetworkFailureSimulation({
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      ...access(),
      duration: 1,
      logger: createMemoryLogger(),
      ledger: crash.ledger,
      stateDirectory: separateStateDirectory(),
    }).catch(() => undefined);
    await crash.interrupted;
    await markBlockingAclHoldersDead(moto.ec2);
    const blocking = await blockingAcls(moto.ec2);
    expect((await aclBySubnet(moto.ec2)).get(target.id)).not.toBe(custom);
    // Someone removed the ownership tags: neither the zone tag nor the recorded associations are left.
    for (const acl of blocking) {
      await moto.ec2.send(
        new DeleteTagsCommand({
          Resources: [acl.NetworkAclId as string],
          Tags: (acl.Tags ?? []).map((tag) => ({ Key: tag.Key })),
        }),
      );
    }

    const report = await reconcile({
      secrets: access().secrets,
      stateDirectory: directory,
      logger: createMemoryLogger(),
    });

    expect(report.leftovers).toEqual([]);
    expect(report.found.map((found) => found.details?.foundBy)).toEqual(blocking.map(() => ['ledger']));
    expect((await aclBySubnet(moto.ec2)).get(target.id)).toBe(custom);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect((await allAcls(moto.ec2)).map((acl) => acl.NetworkAclId)).not.toContain(blocking[0]?.NetworkAclId);
    crash.release();
  });

  it('finds the Python tool’s partition by its tag alone and leaves other zones’ partitions when narrowed to a zone', async () => {
    const before = await aclBySubnet(moto.ec2);
    const [first, second] = moto.fixture.zones;
    for (const zone of [first, second]) {
      const python = await runReference(connection, { op: 'partition', zone, filters: clusterFilters() });
      expect(python.ok, python.stderr).toBe(true);
    }
    const partitioned = await aclBySubnet(moto.ec2);

    const report = await reconcile({
      ...access(),
      zone: second,
      stateDirectory: separateStateDirectory(),
      logger: createMemoryLogger(),
    });

    expect(report.leftovers).toEqual([]);
    expect(report.found.map((target) => [target.zone, target.details?.foundBy])).toEqual([
      [second, ['tag']],
      [second, ['tag']],
    ]);
    const after = await aclBySubnet(moto.ec2);
    for (const subnet of moto.fixture.subnets) {
      expect(after.get(subnet.id), subnet.id).toBe(
        subnet.zone === second ? before.get(subnet.id) : partitioned.get(subnet.id),
      );
    }
    expect(
      (await blockingAcls(moto.ec2))
        .map((acl) => acl.Tags?.find((tag) => tag.Key?.endsWith(first)))
        .every(Boolean),
    ).toBe(true);
  });

  it('lists without changing anything in a dry run', async () => {
    const python = await runReference(connection, {
      op: 'partition',
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
    });
    expect(python.ok, python.stderr).toBe(true);
    const partitioned = await aclBySubnet(moto.ec2);

    const report = await reconcile({
      ...access(),
      dryRun: true,
      stateDirectory: separateStateDirectory(),
      logger: createMemoryLogger(),
    });

    expect(report.found).toHaveLength(2);
    expect(report.removed).toEqual([]);
    expect(await aclBySubnet(moto.ec2)).toEqual(partitioned);
  });

  it('leaves alone a partition whose simulation still runs on this machine, and says so', async () => {
    const running = runNetworkFailureSimulationInBackground({
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      ...access(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    // The state the test means: every planned subnet on a blocking ACL (not merely the ACLs created).
    const partitioned = await untilBlocked(moto.ec2, plannedSubnets(moto.fixture, moto.fixture.zones[0]));
    const held = await blockingAcls(moto.ec2);
    const logger = createMemoryLogger();

    const report = await reconcile({ ...access(), stateDirectory: separateStateDirectory(), logger });

    expect(report.found).toEqual([]);
    expect(report.leftovers).toEqual([]);
    expect(report.warnings).toContainEqual(
      expect.stringMatching(/belongs to a simulation still running on this machine, run \S+ \(pid \d+/),
    );
    // The report and the log name the holder of each ACL left alone.
    expect(report.leftAlone?.map((target) => target.id).sort()).toEqual(
      held.map((acl) => acl.NetworkAclId).sort(),
    );
    for (const target of report.leftAlone ?? []) {
      expect(target.details?.holder).toMatch(new RegExp(`^run \\S+ \\(pid ${process.pid} on host `));
      expect(logger.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringContaining(String(target.details?.holder)),
        }),
      );
    }
    expect(await aclBySubnet(moto.ec2)).toEqual(partitioned);
    await running.terminate();
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });
});
