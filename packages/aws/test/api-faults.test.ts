import { createMemoryLedger, createMemoryLogger, type MemoryLogger } from '@chaosgarden/core';
import { type FaultProxy, type FaultProxyStats, startFaultProxy } from '@chaosgarden/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import {
  rollbackNetworkFailureSimulation,
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from '../src/index';
import { clusterFilters } from './support/fixture';
import { interruptingLedger } from './support/ledgers';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls, instanceStates } from './support/moto-state';
import { until } from './support/until';

// Every fault kind, 20 % of the calls. A fixed seed keeps the run repeatable; CHAOSGARDEN_FAULT_SEED
// tries another sequence. moto itself is read directly (`moto.ec2`), never through the proxy.
/** 20 % in CI; `CHAOSGARDEN_FAULT_RATE=0.4` tries another rate. */
const failureRate = Number(process.env.CHAOSGARDEN_FAULT_RATE ?? 0.2);
const seed = Number(process.env.CHAOSGARDEN_FAULT_SEED ?? 42);
const seedFromEnv = process.env.CHAOSGARDEN_FAULT_SEED !== undefined;
/**
 * How many faults a test must have seen so it cannot pass without any: known for the default seeds;
 * another seed may put its faults elsewhere, so there only the state and the log are checked.
 */
const atLeast = (count: number) => (seedFromEnv ? 0 : count);
const connection = motoConnection();
useTemporaryStateDirectory();

/** The EC2 operations named by the `Retrying <Operation> in <region> after …` lines. */
function retriedOperations(logger: MemoryLogger): string[] {
  return logger.entries
    .filter((entry) => entry.level === 'warn')
    .map((entry) => /^Retrying (\w+) in /.exec(entry.message)?.[1])
    .filter((operation): operation is string => operation !== undefined);
}

function refusals(stats: FaultProxyStats): number {
  return stats.faults.throttle + stats.faults.serverError + stats.faults.connectionReset;
}

/** Figures for the docs, printed with the seed that produced them. */
function report(what: string, stats: FaultProxyStats, logger: MemoryLogger) {
  console.info(
    `${what} at ${failureRate * 100} % (seed ${stats.seed}): ${stats.requests} requests, faults ${JSON.stringify(stats.faults)}, ${retriedOperations(logger).length} retries logged (${[...new Set(retriedOperations(logger))].join(', ')})`,
  );
}

/** Every refused call shows up as a retry of the operation the proxy counted it under. */
function expectRetriesLogged(stats: FaultProxyStats, logger: MemoryLogger, minimum: number) {
  const refused = Object.entries(stats.byOperation)
    .filter(
      ([, counts]) => counts.faults.throttle + counts.faults.serverError + counts.faults.connectionReset > 0,
    )
    .map(([operation]) => operation)
    .sort();
  expect(refused.length).toBeGreaterThanOrEqual(minimum);
  expect([...new Set(retriedOperations(logger))].sort()).toEqual(refused);
  expect(retriedOperations(logger)).toHaveLength(refusals(stats));
}

describe('AWS simulations with 20 % of EC2 calls failing', () => {
  const moto = useMotoFixture(connection);
  const proxies: FaultProxy[] = [];
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
  });
  let proxy: FaultProxy;
  const startProxy = async (proxySeed = seed) => {
    proxy = await startFaultProxy({
      target: connection.endpoint,
      failureRate,
      flavor: 'aws',
      seed: proxySeed,
      delayMs: [50, 500],
    });
    proxies.push(proxy);
  };

  const zone = () => moto.fixture.zones[0];
  const throughProxy = () => ({
    zone: zone(),
    filters: clusterFilters(),
    ...pluginAccess(connection, proxy.url),
  });
  const zoneSubnets = () =>
    moto.fixture.subnets.filter(
      (subnet) => subnet.zone === zone() && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c,
    );

  it('blocks every matching subnet of the zone, then puts each back on its original ACL', async () => {
    await startProxy();
    const before = await aclBySubnet(moto.ec2);
    const logger = createMemoryLogger();
    const task = runNetworkFailureSimulationInBackground({
      ...throughProxy(),
      duration: -1,
      logger,
      ledger: createMemoryLedger(),
    });
    const targets = zoneSubnets();
    expect(targets).toHaveLength(11);
    await until(
      'every subnet of the zone on a blocking ACL',
      async () => {
        const blocking = new Set((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId));
        const now = await aclBySubnet(moto.ec2);
        return targets.every((subnet) => blocking.has(now.get(subnet.id)));
      },
      60_000,
    );
    await task.terminate();
    const result = await task.join();
    const stats = proxy.stats();
    report('network failure simulation', stats, logger);

    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    expect(result.blocked.map((target) => target.id).sort()).toEqual(
      targets.map((subnet) => subnet.id).sort(),
    );
    expect(result.rollback.restored).toHaveLength(targets.length);
    expect(refusals(stats)).toBeGreaterThanOrEqual(atLeast(5));
    expectRetriesLogged(stats, logger, atLeast(3));
  });

  it('rolls back an interrupted run completely through the faults', async () => {
    await startProxy();
    const before = await aclBySubnet(moto.ec2);
    let associations = 0;
    const crash = interruptingLedger(
      createMemoryLedger(),
      (entry) => entry.action === 'replace-network-acl-association' && ++associations === 5,
    );
    const abandoned = runNetworkFailureSimulation({
      ...throughProxy(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: crash.ledger,
    });
    abandoned.catch(() => undefined);
    await crash.interrupted;
    await until('the calls in flight to finish', async () => crash.inFlight() === 0, 60_000);
    const blocked = [...(await aclBySubnet(moto.ec2))].filter(([subnet, acl]) => before.get(subnet) !== acl);
    expect(blocked.length).toBeGreaterThan(0);

    const logger = createMemoryLogger();
    await rollbackNetworkFailureSimulation({ ...throughProxy(), logger, ledger: createMemoryLedger() });
    const stats = proxy.stats();
    report('network interruption and roll-back', stats, logger);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    expect(refusals(stats)).toBeGreaterThanOrEqual(atLeast(3));
    expect(retriedOperations(logger).length).toBeGreaterThanOrEqual(atLeast(1));
    crash.release();
    await expect(abandoned).rejects.toThrow('released');
  });

  it('terminates exactly the zone’s matching instances, retrying both of its calls', async () => {
    // Two calls only: the default seed is one that refuses the first attempt of each (a 5xx, then a reset).
    await startProxy(seedFromEnv ? seed : 224);
    const logger = createMemoryLogger();
    const result = await runComputeFailureSimulation({
      ...throughProxy(),
      logger,
      ledger: createMemoryLedger(),
    });
    const stats = proxy.stats();
    report('compute failure simulation', stats, logger);
    const hit = moto.fixture.instances
      .filter((instance) => instance.zone === zone() && instance.tagged)
      .map((instance) => instance.id);
    expect(hit).toHaveLength(3);
    const states = await instanceStates(moto.ec2);
    for (const instance of moto.fixture.instances) {
      expect(states.get(instance.id), instance.id).toBe(hit.includes(instance.id) ? 'terminated' : 'running');
    }
    expect(result.affected.map((target) => target.id).sort()).toEqual([...hit].sort());
    expectRetriesLogged(stats, logger, atLeast(2));
  });
});
