import {
  CreateNetworkAclCommand,
  type EC2Client,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import {
  createMemoryLedger,
  createMemoryLogger,
  type Logger,
  type MemoryLogger,
  PartialSimulationError,
  pendingChanges,
  type RollbackLedger,
} from '@chaosgarden/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import {
  rollbackNetworkFailureSimulation,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from '../src/index';
import { type FaultProxy, startFaultProxy } from './support/fault-proxy';
import { clusterFilters, type FixtureSubnet } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, allAcls, blockingAcls } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();

/** The association id of a subnet now (what `ReplaceNetworkAclAssociation` takes). */
async function associationOf(ec2: EC2Client, subnetId: string): Promise<string> {
  for (const acl of await allAcls(ec2)) {
    const found = acl.Associations?.find((association) => association.SubnetId === subnetId);
    if (found?.NetworkAclAssociationId) {
      return found.NetworkAclAssociationId;
    }
  }
  throw new Error(`${subnetId} has no association`);
}

async function moveSubnet(ec2: EC2Client, subnetId: string, aclId: string): Promise<void> {
  const AssociationId = await associationOf(ec2, subnetId);
  await ec2.send(new ReplaceNetworkAclAssociationCommand({ AssociationId, NetworkAclId: aclId }));
}

/** True once every subnet sits on a blocking ACL (read from moto). */
async function allBlocked(ec2: EC2Client, subnets: readonly FixtureSubnet[]): Promise<boolean> {
  const blocking = new Set((await blockingAcls(ec2)).map((acl) => acl.NetworkAclId));
  const now = await aclBySubnet(ec2);
  return subnets.every((subnet) => blocking.has(now.get(subnet.id)));
}

function warnings(logger: MemoryLogger): string[] {
  return logger.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.message);
}

async function nothingPending(ledger: RollbackLedger): Promise<void> {
  expect(pendingChanges(await ledger.entries())).toEqual([]);
}

describe('the network simulation reads its partition back (moto)', () => {
  const moto = useMotoFixture(connection);
  const proxies: FaultProxy[] = [];
  const tasks: ReturnType<typeof runNetworkFailureSimulationInBackground>[] = [];
  afterEach(async () => {
    // A failed test must not leave its run (and its lock) to the next one.
    for (const task of tasks.splice(0)) if (task.status === 'running') await task.terminate();
    for (const proxy of proxies.splice(0)) await proxy.close();
  });
  const inBackground = (options: Parameters<typeof runNetworkFailureSimulationInBackground>[0]) => {
    const task = runNetworkFailureSimulationInBackground(options);
    tasks.push(task);
    return task;
  };

  const zone = () => moto.fixture.zones[0];
  const targets = () =>
    moto.fixture.subnets.filter(
      (subnet) => subnet.zone === zone() && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c,
    );
  const base = () => ({ zone: zone(), filters: clusterFilters(), ...pluginAccess(connection) });

  /**
   * One zone-1 subnet of VPC A and one of zone 2 on a custom ACL of their own: moto then answers the
   * multi-value `association.subnet-id` filter of zone 1's subnets with neither this ACL (its subnets only
   * overlap the values) nor the default ACL (which no longer holds all of them).
   */
  async function shareAnAclAcrossZones(): Promise<{ aclId: string; subnetIds: string[] }> {
    const { vpcs, zones, subnets } = moto.fixture;
    const created = await moto.ec2.send(new CreateNetworkAclCommand({ VpcId: vpcs.a }));
    const aclId = created.NetworkAcl?.NetworkAclId ?? '';
    const inZone1 = subnets.find(
      (subnet) => subnet.vpcId === vpcs.a && subnet.zone === zones[0] && subnet.tagged,
    );
    const inZone2 = subnets.find((subnet) => subnet.vpcId === vpcs.a && subnet.zone === zones[1]);
    const subnetIds = [inZone1?.id ?? '', inZone2?.id ?? ''];
    for (const subnetId of subnetIds) await moveSubnet(moto.ec2, subnetId, aclId);
    return { aclId, subnetIds };
  }

  it('blocks every subnet of the zone when some sit on an ACL shared with other zones’ subnets', async () => {
    const shared = await shareAnAclAcrossZones();
    const before = await aclBySubnet(moto.ec2);
    const task = inBackground({
      ...base(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    await until('every subnet of the zone on a blocking ACL', () => allBlocked(moto.ec2, targets()));
    const outsideZone = (await aclBySubnet(moto.ec2)).get(shared.subnetIds[1] ?? '');
    expect(outsideZone).toBe(shared.aclId);
    await task.terminate();
    const result = await task.join();
    expect(result.status).toBe('complete');
    expect(result.blocked.map((target) => target.id).sort()).toEqual(
      targets()
        .map((subnet) => subnet.id)
        .sort(),
    );
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  /** A proxy in front of moto that refuses to move `subnetId` (as an IAM condition on it would). */
  async function refuseToMove(subnetId: string): Promise<FaultProxy> {
    const proxy = await startFaultProxy(connection.endpoint);
    proxies.push(proxy);
    proxy.inject({
      action: 'ReplaceNetworkAclAssociation',
      bodyIncludes: await associationOf(moto.ec2, subnetId),
      times: 1000,
      status: 403,
      code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.',
    });
    return proxy;
  }

  it('names a planned subnet it could not block, rolls everything back and throws PartialSimulationError', async () => {
    const [stuck] = targets();
    const proxy = await refuseToMove(stuck?.id ?? '');
    const before = await aclBySubnet(moto.ec2);
    const logger = createMemoryLogger();
    const ledger = createMemoryLedger();
    // duration -1: only the refusal right after blocking can end this run.
    const error = await runNetworkFailureSimulation({
      ...base(),
      ...pluginAccess(connection, proxy.url),
      duration: -1,
      logger,
      ledger,
    }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(PartialSimulationError.isInstance(error)).toBe(true);
    const partial = error as PartialSimulationError;
    expect(partial.code).toBe('partial-simulation');
    expect(partial.planned).toBe(targets().length);
    expect(partial.missed).toEqual([expect.stringContaining(stuck?.id ?? '?')]);
    expect(partial.message).toContain('allowPartial: true');
    expect(String((partial.cause as AggregateError).errors[0])).toContain('UnauthorizedOperation');
    expect(warnings(logger).filter((warning) => warning.includes(stuck?.id ?? '?'))).toEqual([
      expect.stringMatching(/^Could not associate /),
      expect.stringContaining('was planned for blocking but is not blocked'),
    ]);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    await nothingPending(ledger);
  });

  it('with allowPartial goes on with the subnets it could block and reports status partial', async () => {
    const [stuck, ...others] = targets();
    const proxy = await refuseToMove(stuck?.id ?? '');
    const before = await aclBySubnet(moto.ec2);
    const ledger = createMemoryLedger();
    const task = inBackground({
      ...base(),
      ...pluginAccess(connection, proxy.url),
      duration: -1,
      allowPartial: true,
      logger: createMemoryLogger(),
      ledger,
    });
    await until('the other subnets on a blocking ACL', () => allBlocked(moto.ec2, others));
    expect((await aclBySubnet(moto.ec2)).get(stuck?.id ?? '')).toBe(before.get(stuck?.id ?? ''));
    await task.terminate();
    const result = await task.join();
    expect(result.status).toBe('partial');
    expect(result.reason).toBe('termination-requested');
    expect(result.blocked.map((target) => target.id).sort()).toEqual(
      others.map((subnet) => subnet.id).sort(),
    );
    expect(result.warnings.filter((warning) => warning.includes(stuck?.id ?? '?'))).toEqual([
      expect.stringContaining('was planned for blocking but is not blocked'),
    ]);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    await nothingPending(ledger);
  });

  it('moves a subnet that drifted back to its original ACL during the wait onto the blocking ACL again', async () => {
    const before = await aclBySubnet(moto.ec2);
    const logger = createMemoryLogger();
    const ledger = createMemoryLedger();
    const task = inBackground({ ...base(), duration: -1, logger, ledger });
    await until('the zone to be blocked', () => allBlocked(moto.ec2, targets()));
    const [drifter] = targets();
    const drifterId = drifter?.id ?? '';
    const blockingAcl = (await aclBySubnet(moto.ec2)).get(drifterId);
    await moveSubnet(moto.ec2, drifterId, before.get(drifterId) ?? '');
    await until('the drifted subnet to be blocked again', async () => {
      return (await aclBySubnet(moto.ec2)).get(drifterId) === blockingAcl;
    });
    expect(logger.entries.map((entry) => entry.message)).toContain(
      `${drifterId} drifted off blocking network access control list ${blockingAcl} (now on ${before.get(drifterId)}); moving it back.`,
    );
    const moves = (await ledger.entries()).filter(
      (entry) =>
        entry.phase === 'intent' &&
        entry.action === 'replace-network-acl-association' &&
        entry.resources[0] === drifterId,
    );
    expect(moves).toHaveLength(2);
    expect(moves[1]?.originalState).toEqual({ subnetId: drifterId, networkAclId: before.get(drifterId) });
    await task.terminate();
    const result = await task.join();
    expect(result.status).toBe('complete');
    expect(result.warnings.join('\n')).toContain(
      `${drifterId} was moved off blocking network access control list`,
    );
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    await nothingPending(ledger);
  });

  it('ends with rolled-back-externally when its blocking ACLs are rolled back from outside during the wait', async () => {
    const before = await aclBySubnet(moto.ec2);
    const logger = createMemoryLogger();
    const ledger = createMemoryLedger();
    const task = inBackground({ ...base(), duration: -1, logger, ledger });
    await until('the zone to be blocked', () => allBlocked(moto.ec2, targets()));
    const panic = await rollbackNetworkFailureSimulation({
      ...base(),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(panic.removed).toHaveLength(2);
    // duration -1: without the check, nothing would end this run.
    await until('the run to end by itself', async () => task.status !== 'running');
    const result = await task.join();
    expect(result.reason).toBe('rolled-back-externally');
    expect(result.rollback.restored).toEqual([]);
    expect(logger.entries.filter((entry) => entry.message.includes(' drifted off '))).toEqual([]);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    await nothingPending(ledger);
  });

  it('counts as blocked what the roll-back then restores when a stop arrives while it blocks', async () => {
    const before = await aclBySubnet(moto.ec2);
    const stop = new AbortController();
    const memory = createMemoryLogger();
    // Stops the run (as a SIGINT would) the moment its first subnet is moved, with the others in flight.
    const logger: Logger = {
      ...memory,
      info: (message, fields) => {
        memory.info(message, fields);
        if (message.startsWith('Associated ')) stop.abort();
      },
    };
    const result = await runNetworkFailureSimulation({
      ...base(),
      duration: -1,
      signal: stop.signal,
      logger,
      ledger: createMemoryLedger(),
    });
    expect(result.reason).toBe('termination-requested');
    const restored = result.rollback.restored.map((target) => target.id).sort();
    expect(restored.length).toBeGreaterThan(0);
    expect(result.blocked.map((target) => target.id).sort()).toEqual(restored);
    expect(result.status).toBe(restored.length === targets().length ? 'complete' : 'partial');
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });
});
