import { createHash } from 'node:crypto';
import {
  CreateNetworkAclCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import {
  createFileLedger,
  createMemoryLedger,
  createMemoryLogger,
  type LedgerEntryInput,
  pendingChanges,
  RollbackIncompleteError,
  terminateAllTasks,
} from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { rollbackNetworkFailureSimulation, runNetworkFailureSimulation } from '../src/index';
import { markBlockingAclHoldersDead, separateStateDirectory } from './support/dead-holder';
import { startFaultProxy } from './support/fault-proxy';
import { clusterFilters, clusterTagKey } from './support/fixture';
import { checkingLedger, interruptingLedger } from './support/ledgers';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, allAcls, blockingAcls } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
const stateDirectory = useTemporaryStateDirectory();

describe('network roll-back against moto', () => {
  const moto = useMotoFixture(connection);

  const options = () => ({
    zone: moto.fixture.zones[0],
    filters: clusterFilters(),
    ...pluginAccess(connection),
  });

  it('cleans up the left-over of an interrupted run before the next run blocks, and ends with nothing blocked', async () => {
    const before = await aclBySubnet(moto.ec2);
    const interrupted = createFileLedger({ directory: stateDirectory() });
    let associations = 0;
    const crash = interruptingLedger(
      interrupted,
      (entry) => entry.action === 'replace-network-acl-association' && ++associations === 5,
    );
    const abandoned = runNetworkFailureSimulation({
      ...options(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: crash.ledger,
      stateDirectory: separateStateDirectory(),
    });
    await crash.interrupted;
    await until('the calls in flight to finish', async () => crash.inFlight() === 0);
    await markBlockingAclHoldersDead(moto.ec2);
    const leftOver = await aclBySubnet(moto.ec2);
    const blockedNow = [...leftOver].filter(([subnet, acl]) => before.get(subnet) !== acl);
    expect(blockedNow.length).toBeGreaterThan(0);
    expect(blockedNow.length).toBeLessThan(11);
    // The interrupted changes are in the ledger without their result, and were never made.
    const pending = pendingChanges(await interrupted.entries()).filter((change) => change.done === undefined);
    expect(pending.length).toBeGreaterThan(0);
    for (const change of pending) {
      expect(change.intent.action).toBe('replace-network-acl-association');
      const [subnet = ''] = change.intent.resources;
      expect(leftOver.get(subnet)).toBe(before.get(subnet));
    }

    const logger = createMemoryLogger();
    const result = await runNetworkFailureSimulation({ ...options(), logger, ledger: createMemoryLedger() });
    const messages = logger.entries.map((entry) => entry.message);
    const firstPartition = messages.findIndex((message) => message.startsWith('Partitioning'));
    const cleanedUp = messages
      .slice(0, firstPartition)
      .filter((message) => message.startsWith('Reassociated'));
    expect(cleanedUp).toHaveLength(blockedNow.length);
    expect(result.blocked).toHaveLength(11);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    crash.release();
    await expect(abandoned).rejects.toThrow('released');
  });

  it('announces every change in the ledger before making it', async () => {
    const violations: string[] = [];
    const seen: string[] = [];
    const check = async (entry: LedgerEntryInput) => {
      seen.push(entry.action);
      const [first = ''] = entry.resources;
      const state = entry.originalState as { networkAclId?: string } | undefined;
      if (
        entry.action === 'create-network-acl' &&
        (await blockingAcls(moto.ec2)).some((acl) => acl.VpcId === first)
      ) {
        violations.push(`a blocking ACL existed in ${first} before its intent`);
      }
      if (entry.action.endsWith('network-acl-association')) {
        const current = (await aclBySubnet(moto.ec2)).get(first);
        if (current !== state?.networkAclId) {
          violations.push(`${entry.action} of ${first}: subnet already on ${current}`);
        }
      }
      if (
        entry.action === 'delete-network-acl' &&
        !(await allAcls(moto.ec2)).some((acl) => acl.NetworkAclId === first)
      ) {
        violations.push(`${first} was gone before its delete intent`);
      }
    };
    const ledger = createMemoryLedger();
    await runNetworkFailureSimulation({
      ...options(),
      logger: createMemoryLogger(),
      ledger: checkingLedger(ledger, check),
    });
    expect(violations).toEqual([]);
    const count = (action: string) => seen.filter((candidate) => candidate === action).length;
    expect([count('create-network-acl'), count('create-network-acl-entry')]).toEqual([2, 8]);
    expect([count('replace-network-acl-association'), count('restore-network-acl-association')]).toEqual([
      11, 11,
    ]);
    expect(count('delete-network-acl')).toBe(2);
    const entries = await ledger.entries();
    const intents = entries.filter((entry) => entry.phase === 'intent');
    const done = new Set(entries.filter((entry) => entry.phase === 'done').map((entry) => entry.refersTo));
    expect(intents.every((intent) => done.has(intent.sequence))).toBe(true);
    // Its own blocking changes are marked undone by the roll-back.
    const undone = new Set(
      entries.filter((entry) => entry.phase === 'undone').map((entry) => entry.refersTo),
    );
    const blockIntents = intents.filter((intent) =>
      ['create-network-acl', 'replace-network-acl-association'].includes(intent.action),
    );
    expect(blockIntents.every((intent) => undone.has(intent.sequence))).toBe(true);
  });

  it('retries throttled roll-back calls until they succeed', async () => {
    const proxy = await startFaultProxy(connection.endpoint);
    try {
      const logger = createMemoryLogger();
      const stop = new AbortController();
      const before = await aclBySubnet(moto.ec2);
      const run = runNetworkFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        duration: -1,
        signal: stop.signal,
        logger,
        ledger: createMemoryLedger(),
      });
      await until('the zone to be blocked', async () => associatedCount(logger) === 11);
      proxy.inject({ action: 'DeleteNetworkAcl', times: 3, status: 503, code: 'RequestLimitExceeded' });
      proxy.inject({ action: 'ReplaceNetworkAclAssociation', times: 2, status: 500, code: 'InternalError' });
      stop.abort();
      const result = await run;
      expect(result.rollback.removed).toHaveLength(2);
      expect(await aclBySubnet(moto.ec2)).toEqual(before);
      expect(await blockingAcls(moto.ec2)).toEqual([]);
      const retries = logger.entries.filter(
        (entry) => entry.level === 'warn' && entry.message.startsWith('Retrying'),
      );
      expect(retries.filter((entry) => entry.message.includes('DeleteNetworkAcl'))).toHaveLength(3);
      expect(retries.filter((entry) => entry.message.includes('ReplaceNetworkAclAssociation'))).toHaveLength(
        2,
      );
    } finally {
      await proxy.close();
    }
  });

  it('names what it left behind when a roll-back step keeps failing, and a later roll-back finishes it', async () => {
    const proxy = await startFaultProxy(connection.endpoint);
    try {
      proxy.inject({ action: 'DeleteNetworkAcl', times: 1000, status: 403, code: 'UnauthorizedOperation' });
      const attempt = runNetworkFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        logger: createMemoryLogger(),
        ledger: createMemoryLedger(),
      });
      const error = await attempt.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(RollbackIncompleteError.isInstance(error)).toBe(true);
      const left = (await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId ?? '');
      expect(left).toHaveLength(2);
      expect((error as RollbackIncompleteError).leftovers).toEqual(expect.arrayContaining(left));
      expect(String((error as Error).cause)).toContain('ec2:DeleteNetworkAcl');
      expect(String((error as Error).message)).toContain(left[0]);
    } finally {
      await proxy.close();
    }
    const result = await rollbackNetworkFailureSimulation({
      ...options(),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(result.removed).toHaveLength(2);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('gives up the final roll-back when rollbackSignal aborts, naming the subnets still blocked', async () => {
    const proxy = await startFaultProxy(connection.endpoint);
    const before = await aclBySubnet(moto.ec2);
    try {
      const logger = createMemoryLogger();
      const giveUp = new AbortController();
      const stop = new AbortController();
      const run = runNetworkFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        duration: -1,
        signal: stop.signal,
        logger,
        ledger: createMemoryLedger(),
        rollbackSignal: giveUp.signal,
      });
      await until('the zone to be blocked', async () => associatedCount(logger) === 11);
      proxy.inject({ action: 'DescribeNetworkAcls', times: 1000, status: 503, code: 'RequestLimitExceeded' });
      const mark = proxy.actions.length;
      stop.abort();
      // Give up once the roll-back is provably stuck retrying its refused listing, not after some time.
      await until(
        'the roll-back to retry its throttled DescribeNetworkAcls',
        async () =>
          proxy.actions.slice(mark).filter((action) => action === 'DescribeNetworkAcls').length >= 3,
      );
      giveUp.abort();
      const error = await run.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(RollbackIncompleteError.isInstance(error)).toBe(true);
      expect((error as RollbackIncompleteError).leftovers).toEqual(
        expect.arrayContaining(
          [moto.fixture.vpcs.a, moto.fixture.vpcs.b].map((vpc) => expect.stringContaining(vpc)),
        ),
      );
    } finally {
      await proxy.close();
    }
    await rollbackNetworkFailureSimulation({
      ...options(),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
  });

  it('lets a termination request (as on SIGINT) wait for a running roll-back rather than cut it short', async () => {
    const before = await aclBySubnet(moto.ec2);
    const partition = runNetworkFailureSimulation({
      ...options(),
      rollbackSignal: AbortSignal.abort(),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    await expect(partition).rejects.toSatisfy(RollbackIncompleteError.isInstance);
    const proxy = await startFaultProxy(connection.endpoint);
    try {
      proxy.inject({
        action: 'ReplaceNetworkAclAssociation',
        times: 3,
        status: 503,
        code: 'RequestLimitExceeded',
      });
      const rollback = rollbackNetworkFailureSimulation({
        ...options(),
        ...pluginAccess(connection, proxy.url),
        logger: createMemoryLogger(),
        ledger: createMemoryLedger(),
      });
      await until('the roll-back to be under way', async () =>
        proxy.actions.includes('ReplaceNetworkAclAssociation'),
      );
      await terminateAllTasks(createMemoryLogger());
      expect(await aclBySubnet(moto.ec2)).toEqual(before);
      const result = await rollback;
      expect(result.restored).toHaveLength(11);
      expect(await blockingAcls(moto.ec2)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('rolls back what the Python tool could not: an empty associations tag, and a subnet missing from the tag', async () => {
    const zone = moto.fixture.zones[1];
    const repr = `[{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}]`;
    const zoneKey = `gardener.cloud/chaos/chaosgarden-block-${createHash('md5').update(repr).digest('hex').slice(0, 16)}-${zone}`;
    const packedKey = 'gardener.cloud/chaos/original-network-acl-associations';
    const before = await aclBySubnet(moto.ec2);
    const [first, second] = moto.fixture.subnets.filter(
      (subnet) => subnet.vpcId === moto.fixture.vpcs.a && subnet.zone === zone,
    );
    const create = async (vpcId: string, value: string) =>
      (
        await moto.ec2.send(
          new CreateNetworkAclCommand({
            VpcId: vpcId,
            TagSpecifications: [
              {
                ResourceType: 'network-acl',
                Tags: [
                  { Key: zoneKey, Value: '1' },
                  { Key: packedKey, Value: value },
                ],
              },
            ],
          }),
        )
      ).NetworkAcl?.NetworkAclId ?? '';
    await create(moto.fixture.vpcs.b, '');
    const blocking = await create(moto.fixture.vpcs.a, `${first?.id}:${before.get(first?.id ?? '')}`);
    for (const subnet of [first, second]) {
      const acls = await moto.ec2.send(
        new DescribeNetworkAclsCommand({
          Filters: [{ Name: 'association.subnet-id', Values: [subnet?.id ?? ''] }],
        }),
      );
      const association = acls.NetworkAcls?.[0]?.Associations?.find(
        (candidate) => candidate.SubnetId === subnet?.id,
      );
      await moto.ec2.send(
        new ReplaceNetworkAclAssociationCommand({
          AssociationId: association?.NetworkAclAssociationId,
          NetworkAclId: blocking,
        }),
      );
    }
    const result = await rollbackNetworkFailureSimulation({
      ...options(),
      zone,
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    expect(result.removed).toHaveLength(2);
    expect(result.warnings.join('\n')).toContain(
      `${second?.id} was associated with blocking ACL ${blocking} but is not recorded`,
    );
  });
});

function associatedCount(logger: ReturnType<typeof createMemoryLogger>): number {
  return logger.entries.filter((entry) => entry.message.startsWith('Associated ')).length;
}
