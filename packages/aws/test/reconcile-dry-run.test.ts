import { CreateTagsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { createFileLedger, createMemoryLogger, findPendingRuns } from '@chaosgarden/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { reconcile, runNetworkFailureSimulation } from '../src/index';
import { markBlockingAclHoldersDead, separateStateDirectory } from './support/dead-holder';
import { clusterFilters, createFixture, type Fixture, testClient } from './support/fixture';
import { type InterruptingLedger, interruptingLedger } from './support/ledgers';
import { motoConnection, pluginAccess, resetMoto } from './support/moto';
import { aclBySubnet, blockingAcls } from './support/moto-state';
import { plannedSubnets, untilBlocked } from './support/zone-blocked';

const connection = motoConnection();
useTemporaryStateDirectory();
const holderTagKey = 'gardener.cloud/chaos/chaosgarden-holder';

describe('reconcile of two blocking ACLs holding five subnets', () => {
  let ec2: EC2Client;
  let fixture: Fixture;
  let crash: InterruptingLedger | undefined;
  beforeEach(async () => {
    await resetMoto(connection);
    ec2 = testClient(connection);
    // Zone 1: two tagged subnets in VPC A (and an untagged one), three in VPC B.
    fixture = await createFixture(ec2, connection.region, { aSubnetsInZone1: 2 });
  });
  afterEach(() => {
    crash?.release();
    crash = undefined;
    ec2.destroy();
  });

  /** A real simulation frozen at its first roll-back step (as a SIGKILL during the wait leaves it). */
  async function leftBehindRun(directory: string) {
    const ledger = createFileLedger({ directory });
    crash = interruptingLedger(ledger, (entry) => entry.action === 'restore-network-acl-association');
    void runNetworkFailureSimulation({
      zone: fixture.zones[0],
      filters: clusterFilters(),
      ...pluginAccess(connection),
      duration: 0,
      logger: createMemoryLogger(),
      ledger: crash.ledger,
      stateDirectory: separateStateDirectory(),
    }).catch(() => undefined);
    await crash.interrupted;
    const planned = plannedSubnets(fixture, fixture.zones[0]);
    expect(planned).toHaveLength(5);
    const partitioned = await untilBlocked(ec2, planned);
    const acls = await blockingAcls(ec2);
    expect(acls).toHaveLength(2);
    return { runId: ledger.runId, planned, partitioned, acls };
  }

  it('in a dry run lists each subnet it would restore (from → to) and each ACL it would delete, and changes nothing', async () => {
    const before = await aclBySubnet(ec2);
    const directory = separateStateDirectory();
    const { runId, planned, partitioned, acls } = await leftBehindRun(directory);
    await markBlockingAclHoldersDead(ec2);
    const blockingBefore = await blockingAcls(ec2);
    const logger = createMemoryLogger();

    // By the ledger alone, as `chaosgarden rollback --dry-run` does.
    const report = await reconcile({
      secrets: pluginAccess(connection).secrets,
      stateDirectory: directory,
      dryRun: true,
      logger,
    });

    const vpcOf = new Map(fixture.subnets.map((subnet) => [subnet.id, subnet.vpcId]));
    expect(report.dryRun).toBe(true);
    expect([...(report.wouldRestore ?? [])].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [...planned].sort().map((id) => ({
        kind: 'subnet',
        id,
        zone: fixture.zones[0],
        details: {
          vpcId: vpcOf.get(id),
          fromNetworkAclId: partitioned.get(id),
          networkAclId: before.get(id),
        },
      })),
    );
    expect(report.wouldRemove?.map((target) => target.id).sort()).toEqual(
      acls.map((acl) => acl.NetworkAclId).sort(),
    );
    expect(report.restored).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.leftovers).toEqual([]);
    expect(report.overridden).toEqual([]);
    const messages = logger.entries.map((entry) => entry.message);
    for (const id of planned) {
      expect(messages).toContain(
        `Dry run: would move ${id} from blocking network ACL ${partitioned.get(id)} back to ${before.get(id)} (zone ${fixture.zones[0]}, ${vpcOf.get(id)}).`,
      );
    }
    for (const acl of acls) {
      expect(messages).toContain(
        `Dry run: would delete blocking network ACL ${acl.NetworkAclId} in ${acl.VpcId} (zone ${fixture.zones[0]}).`,
      );
    }
    expect(messages).toContain(
      'Reconcile (dry run): 2 blocking network ACL(s) found; would restore 5 subnet(s) and delete 2 ACL(s). Nothing was changed.',
    );
    // Nothing changed: moto and the ledger read back as before.
    expect(await aclBySubnet(ec2)).toEqual(partitioned);
    expect(await blockingAcls(ec2)).toEqual(blockingBefore);
    expect((await findPendingRuns({ directory })).runs.map((run) => run.runId)).toContain(runId);

    // The real reconcile then does exactly what the dry run listed.
    const done = await reconcile({
      secrets: pluginAccess(connection).secrets,
      stateDirectory: directory,
      logger: createMemoryLogger(),
    });
    expect(done.leftovers).toEqual([]);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...done.restored].sort(byId)).toEqual([...(report.wouldRestore ?? [])].sort(byId));
    expect(done.removed.map((target) => target.id).sort()).toEqual(
      report.wouldRemove?.map((target) => target.id).sort(),
    );
    expect(await aclBySubnet(ec2)).toEqual(before);
    expect(await blockingAcls(ec2)).toEqual([]);
  });

  it('overrides a holder on another machine within its lease, and names it in the report and the log', async () => {
    const before = await aclBySubnet(ec2);
    const directory = separateStateDirectory();
    const { runId, acls } = await leftBehindRun(directory);
    // The holder tag now names a run on another machine whose lease has not ended.
    for (const acl of acls) {
      const holder = JSON.parse(acl.Tags?.find((tag) => tag.Key === holderTagKey)?.Value ?? '{}');
      const elsewhere = { ...holder, host: 'another-machine', until: new Date(Date.now() + 3_600_000) };
      await ec2.send(
        new CreateTagsCommand({
          Resources: [acl.NetworkAclId as string],
          Tags: [{ Key: holderTagKey, Value: JSON.stringify(elsewhere) }],
        }),
      );
    }
    const holderPattern = new RegExp(`^run ${runId} \\(pid \\d+ on host another-machine, lease until `);

    const dry = await reconcile({ ...pluginAccess(connection), dryRun: true, logger: createMemoryLogger() });
    expect(dry.overridden?.map((target) => target.id).sort()).toEqual(
      acls.map((acl) => acl.NetworkAclId).sort(),
    );
    expect(dry.wouldRestore).toHaveLength(5);
    expect(dry.warnings).toContainEqual(expect.stringMatching(/would be rolled back anyway/));

    const logger = createMemoryLogger();
    const report = await reconcile({ ...pluginAccess(connection), logger });

    expect(report.leftovers).toEqual([]);
    expect(report.overridden?.map((target) => target.id).sort()).toEqual(
      acls.map((acl) => acl.NetworkAclId).sort(),
    );
    for (const target of report.overridden ?? []) {
      expect(target.details?.holder).toMatch(holderPattern);
      expect(logger.entries).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: expect.stringContaining(`is held by ${String(target.details?.holder)}`),
        }),
      );
    }
    expect(await aclBySubnet(ec2)).toEqual(before);
    expect(await blockingAcls(ec2)).toEqual([]);
  });
});
