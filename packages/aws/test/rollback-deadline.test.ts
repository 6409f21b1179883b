import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createFileLedger,
  createMemoryLedger,
  createMemoryLogger,
  pendingChanges,
  RollbackIncompleteError,
} from '@chaosgarden/core';
import { startFaultProxy } from '@chaosgarden/testkit';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { rollbackNetworkFailureSimulation, runNetworkFailureSimulation } from '../src/index';
import { clusterFilters } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();

describe('a final roll-back the cloud never answers (moto behind a fault proxy that holds requests)', () => {
  const moto = useMotoFixture(connection);

  it('gives up at rollbackTimeoutSeconds, names every subnet still blocked and the command that finishes it, and keeps the ledger pending', async () => {
    const zone = moto.fixture.zones[0];
    const planned = moto.fixture.subnets
      .filter((subnet) => subnet.zone === zone && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c)
      .map((subnet) => subnet.id);
    const before = await aclBySubnet(moto.ec2);
    let holding = false;
    const proxy = await startFaultProxy({
      target: connection.endpoint,
      failureRate: 0,
      flavor: 'aws',
      hold: () => holding,
      log: () => {},
    });
    // A ledger outside the default state directory: the printed command must say where it is.
    const ledgerDirectory = mkdtempSync(join(tmpdir(), 'chaosgarden-abandoned-'));
    const ledger = createFileLedger({ directory: ledgerDirectory });
    const logger = createMemoryLogger();
    const stop = new AbortController();
    const blockedSubnets = async () => {
      const blocking = new Set((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId));
      const now = await aclBySubnet(moto.ec2);
      return planned.filter((subnet) => blocking.has(now.get(subnet)));
    };
    let failure: unknown;
    try {
      const run = runNetworkFailureSimulation({
        zone,
        filters: clusterFilters(),
        ...pluginAccess(connection, proxy.url),
        duration: -1,
        rollbackTimeoutSeconds: 1,
        signal: stop.signal,
        logger,
        ledger,
      }).catch((error: unknown) => error);
      await until('every planned subnet to be blocked', async () => (await blockedSubnets()).length === 11);
      holding = true;
      stop.abort();
      failure = await run;
      expect(proxy.stats().held).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }

    expect(RollbackIncompleteError.isInstance(failure)).toBe(true);
    const error = failure as RollbackIncompleteError;
    expect(error.abandoned).toBe('the roll-back deadline (1 s) passed');
    for (const subnet of planned) {
      expect(error.leftovers).toContainEqual(expect.stringMatching(new RegExp(`^${subnet} \\(its original`)));
      expect(logger.lines()).toContainEqual(expect.stringContaining(`Still blocked: ${subnet} (`));
    }
    const filter = `'[{"Name":"tag-key","Values":["kubernetes.io/cluster/shoot--chaos--fixture"]}]'`;
    expect(error.rollbackCommand).toBe(
      `chaosgarden rollback --provider aws --zone ${zone} --run ${ledger.runId} --filter-vpcs ${filter} --filter-subnets ${filter} ` +
        `--config awsRegion=${connection.region} --config awsEndpointUrl=${proxy.url} --state-dir ${ledgerDirectory}`,
    );
    expect(error.message).toContain(`finish the roll-back with: ${error.rollbackCommand}`);
    expect(logger.lines()).toContain(`[Error] To finish the roll-back, run: ${error.rollbackCommand}`);
    // Nothing was undone: still blocked in moto, still pending in the ledger.
    expect((await blockedSubnets()).sort()).toEqual([...planned].sort());
    const pending = pendingChanges(await ledger.entries());
    expect(
      pending
        .filter((change) => change.intent.action === 'replace-network-acl-association')
        .map((change) => change.intent.resources[0])
        .sort(),
    ).toEqual([...planned].sort());
    expect(pending.filter((change) => change.intent.action === 'create-network-acl')).toHaveLength(2);

    // The cloud answers again: a later roll-back restores everything.
    await rollbackNetworkFailureSimulation({
      zone,
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });
});
