import {
  createMemoryLedger,
  createMemoryLogger,
  RollbackIncompleteError,
  SimulationLockedError,
} from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { rollbackNetworkFailureSimulation, runNetworkFailureSimulation } from '../src/index';
import { clusterFilters } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls } from './support/moto-state';
import { runReference } from './support/reference-python';

const connection = motoConnection();
useTemporaryStateDirectory();

/**
 * Side by side with the Python chaosgarden (PyPI, `referencePython`) on the same moto: each tool must
 * find and roll back the other's blocking ACLs, through the tag keys and the packed associations.
 */
describe('side by side with the Python chaosgarden', () => {
  const moto = useMotoFixture(connection);

  /** Our partition, left in place: the final roll-back was given up before it started. */
  async function ourPartition(zone: string, mode: 'total' | 'ingress' | 'egress') {
    const attempt = runNetworkFailureSimulation({
      mode,
      zone,
      filters: clusterFilters(),
      duration: 0,
      rollbackSignal: AbortSignal.abort(),
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    await expect(attempt).rejects.toSatisfy(RollbackIncompleteError.isInstance);
  }

  it('our partition, then the Python tool’s roll-back, restores every subnet and removes our ACLs', async () => {
    const before = await aclBySubnet(moto.ec2);
    const zone = moto.fixture.zones[1];
    await ourPartition(zone, 'ingress');
    const blocked = [...(await aclBySubnet(moto.ec2))].filter(([subnet, acl]) => before.get(subnet) !== acl);
    expect(blocked).toHaveLength(4);
    const python = await runReference(connection, {
      op: 'rollback',
      zone,
      filters: clusterFilters(),
      mode: 'ingress',
    });
    expect(python.ok, python.stderr).toBe(true);
    expect(python.stderr.match(/Reassociated /g)).toHaveLength(4);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('the Python tool cannot read our per-subnet tags (more than 5 subnets), but our roll-back finishes after it', async () => {
    const before = await aclBySubnet(moto.ec2);
    const zone = moto.fixture.zones[0];
    await ourPartition(zone, 'total');
    const python = await runReference(connection, { op: 'rollback', zone, filters: clusterFilters() });
    expect(python.ok).toBe(false);
    expect(python.stderr).toContain('IndexError');
    const result = await rollbackNetworkFailureSimulation({
      zone,
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(result.restored.length + (python.stderr.match(/Reassociated /g) ?? []).length).toBe(11);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('the Python tool’s partition, then our roll-back, restores every subnet (its 8-subnet tag value included)', async () => {
    const before = await aclBySubnet(moto.ec2);
    for (const zone of [moto.fixture.zones[0], moto.fixture.zones[2]]) {
      const python = await runReference(connection, {
        op: 'partition',
        zone,
        filters: clusterFilters(),
        mode: 'egress',
      });
      expect(python.ok, python.stderr).toBe(true);
    }
    const acls = await blockingAcls(moto.ec2);
    expect(acls).toHaveLength(4);
    const packed = acls.map(
      (acl) =>
        acl.Tags?.find((tag) => tag.Key === 'gardener.cloud/chaos/original-network-acl-associations')
          ?.Value ?? '',
    );
    // moto accepts what AWS would refuse: the Python tool packs all 8 subnets of zone 1 into one value.
    expect(Math.max(...packed.map((value) => value.length))).toBeGreaterThan(256);
    for (const zone of [moto.fixture.zones[0], moto.fixture.zones[2]]) {
      const result = await rollbackNetworkFailureSimulation({
        zone,
        filters: clusterFilters(),
        ...pluginAccess(connection),
        logger: createMemoryLogger(),
        ledger: createMemoryLedger(),
      });
      expect(result.removed).toHaveLength(2);
      expect(result.warnings).toEqual([]);
    }
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('refuses to run while the Python tool’s partition of the same zone and filters is in place, changing nothing', async () => {
    const zone = moto.fixture.zones[1];
    const python = await runReference(connection, { op: 'partition', zone, filters: clusterFilters() });
    expect(python.ok, python.stderr).toBe(true);
    const partitioned = await aclBySubnet(moto.ec2);
    const acls = await blockingAcls(moto.ec2);

    const run = runNetworkFailureSimulation({
      zone,
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });

    await expect(run).rejects.toSatisfy(SimulationLockedError.isInstance);
    await expect(run).rejects.toThrow(
      /held in the cloud \(blocking network ACL acl-\w+ .*the Python chaosgarden tool/,
    );
    expect(await aclBySubnet(moto.ec2)).toEqual(partitioned);
    expect(await blockingAcls(moto.ec2)).toEqual(acls);
  });

  it('our run cleans up the Python tool’s left-over partition before it blocks when told it is a left-over', async () => {
    const before = await aclBySubnet(moto.ec2);
    const zone = moto.fixture.zones[1];
    const python = await runReference(connection, { op: 'partition', zone, filters: clusterFilters() });
    expect(python.ok, python.stderr).toBe(true);
    const logger = createMemoryLogger();
    const result = await runNetworkFailureSimulation({
      zone,
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger,
      ledger: createMemoryLedger(),
      rollbackLeftovers: true,
    });
    const messages = logger.entries.map((entry) => entry.message);
    const partition = messages.findIndex((message) => message.startsWith('Partitioning'));
    expect(
      messages.slice(0, partition).filter((message) => message.startsWith('Deleted blocking')),
    ).toHaveLength(2);
    expect(result.blocked).toHaveLength(4);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });
});
