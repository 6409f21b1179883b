import { CreateNetworkAclCommand } from '@aws-sdk/client-ec2';
import {
  createMemoryLedger,
  createMemoryLogger,
  SelfTargetRefusedError,
  SimulationLockedError,
} from '@chaosgarden/core';
import { afterEach, describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import {
  runComputeFailureSimulation,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from '../src/index';
import { deadPid } from './support/dead-holder';
import { clusterFilters } from './support/fixture';
import { startMetadataServer } from './support/metadata-server';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls, instanceStates } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();
const holderTagKey = 'gardener.cloud/chaos/chaosgarden-holder';

describe('guards against moto', () => {
  const moto = useMotoFixture(connection);
  const zone = () => moto.fixture.zones[0];
  const base = () => ({ zone: zone(), filters: clusterFilters(), ...pluginAccess(connection) });
  const blocked = async () => {
    const acls = new Set((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId));
    return [...(await aclBySubnet(moto.ec2)).values()].filter((acl) => acls.has(acl)).length;
  };
  const startBlocking = async () => {
    const task = runNetworkFailureSimulationInBackground({
      ...base(),
      duration: -1,
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    await until('the zone to be blocked', async () => (await blocked()) === 11);
    return task;
  };

  it('refuses a second network simulation of the same zone and filters on this machine, naming the first', async () => {
    const first = await startBlocking();
    const before = await aclBySubnet(moto.ec2);
    const second = runNetworkFailureSimulation({ ...base(), duration: 1, logger: createMemoryLogger() });
    await expect(second).rejects.toSatisfy(SimulationLockedError.isInstance);
    await expect(second).rejects.toThrow(
      new RegExp(`held on this machine .* by run \\S+ \\(pid ${process.pid} on host`),
    );
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    await first.terminate();
    expect(await blockingAcls(moto.ec2)).toEqual([]);
    // Released with the first run: the zone can be partitioned again.
    const third = await runNetworkFailureSimulation({ ...base(), duration: 0, logger: createMemoryLogger() });
    expect(third.blocked).toHaveLength(11);
  });

  it('lets a compute and a network simulation run on the same zone at once, and another zone’s network simulation too', async () => {
    const network = await startBlocking();
    const otherZone = await runNetworkFailureSimulation({
      ...base(),
      zone: moto.fixture.zones[1],
      duration: 0,
      logger: createMemoryLogger(),
    });
    const compute = await runComputeFailureSimulation({
      ...base(),
      duration: 0,
      logger: createMemoryLogger(),
    });
    expect(otherZone.blocked.length).toBeGreaterThan(0);
    expect(compute.affected).toHaveLength(3);
    await network.terminate();
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('refuses when the cloud shows a live holder from another machine, also next to one whose lease ran out', async () => {
    const tagKey = (await startBlocking().then(async (task) => {
      const [acl] = await blockingAcls(moto.ec2);
      await task.terminate();
      return acl?.Tags?.find((tag) => tag.Key?.startsWith('gardener.cloud/chaos/chaosgarden-block-'))?.Key;
    })) as string;
    const holder = (until: string) =>
      JSON.stringify({ run: 'elsewhere-run', host: 'other-host', pid: deadPid(), until });
    const plant = (until: string) =>
      moto.ec2.send(
        new CreateNetworkAclCommand({
          VpcId: moto.fixture.vpcs.a,
          TagSpecifications: [
            {
              ResourceType: 'network-acl',
              Tags: [
                { Key: tagKey, Value: '1' },
                { Key: holderTagKey, Value: holder(until) },
              ],
            },
          ],
        }),
      );
    await plant(new Date(Date.now() + 3_600_000).toISOString());
    const refused = runNetworkFailureSimulation({ ...base(), duration: 0, logger: createMemoryLogger() });
    await expect(refused).rejects.toThrow(
      /held in the cloud \(blocking network ACL acl-\w+ in vpc-\w+, tag .*\) by run elsewhere-run \(pid \d+ on host other-host, lease until/,
    );
    expect(await blockingAcls(moto.ec2)).toHaveLength(1);

    await plant(new Date(Date.now() - 1000).toISOString());
    // Still refused: the first planted ACL's lease has not run out.
    await expect(
      runNetworkFailureSimulation({ ...base(), duration: 0, logger: createMemoryLogger() }),
    ).rejects.toSatisfy(SimulationLockedError.isInstance);
  });

  it('rolls back a left-over whose holder’s lease ran out before it blocks', async () => {
    const task = await startBlocking();
    const [acl] = await blockingAcls(moto.ec2);
    await task.terminate();
    const tagKey = acl?.Tags?.find((tag) =>
      tag.Key?.startsWith('gardener.cloud/chaos/chaosgarden-block-'),
    )?.Key;
    await moto.ec2.send(
      new CreateNetworkAclCommand({
        VpcId: moto.fixture.vpcs.a,
        TagSpecifications: [
          {
            ResourceType: 'network-acl',
            Tags: [
              { Key: tagKey as string, Value: '1' },
              {
                Key: holderTagKey,
                Value: JSON.stringify({
                  run: 'r',
                  host: 'other-host',
                  pid: 1,
                  until: new Date(Date.now() - 1000).toISOString(),
                }),
              },
            ],
          },
        ],
      }),
    );
    const logger = createMemoryLogger();
    const result = await runNetworkFailureSimulation({ ...base(), duration: 0, logger });
    expect(result.blocked).toHaveLength(11);
    expect(logger.entries.map((entry) => entry.message)).toContainEqual(
      expect.stringMatching(/^Deleted blocking network access control list acl-/),
    );
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  describe('on an instance among the targets (instance metadata service on loopback)', () => {
    let closeMetadata: (() => Promise<void>) | undefined;
    afterEach(async () => {
      delete process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      await closeMetadata?.();
    });
    const runOn = async (instanceId: string) => {
      const server = await startMetadataServer(instanceId);
      closeMetadata = server.close;
      process.env.AWS_EC2_METADATA_SERVICE_ENDPOINT = server.url;
    };
    const self = () =>
      moto.fixture.instances.find((instance) => instance.zone === zone() && instance.tagged) as {
        id: string;
      };

    it('refuses a compute simulation that would terminate its own instance, touching nothing', async () => {
      await runOn(self().id);
      const before = await instanceStates(moto.ec2);
      const run = runComputeFailureSimulation({ ...base(), duration: 0, logger: createMemoryLogger() });
      await expect(run).rejects.toSatisfy(SelfTargetRefusedError.isInstance);
      await expect(run).rejects.toThrow(`this process runs on instance ${self().id}`);
      expect(await instanceStates(moto.ec2)).toEqual(before);
    });

    it('refuses a network simulation that would cut off its own subnet, and runs with allowSelfTarget', async () => {
      await runOn(self().id);
      const before = await aclBySubnet(moto.ec2);
      const run = runNetworkFailureSimulation({ ...base(), duration: 0, logger: createMemoryLogger() });
      await expect(run).rejects.toThrow(/this process runs on instance i-\w+ \(subnet subnet-\w+\)/);
      expect(await aclBySubnet(moto.ec2)).toEqual(before);
      expect(await blockingAcls(moto.ec2)).toEqual([]);

      const allowed = await runNetworkFailureSimulation({
        ...base(),
        duration: 0,
        allowSelfTarget: true,
        logger: createMemoryLogger(),
      });
      expect(allowed.blocked).toHaveLength(11);
    });

    it('lets a simulation run from an instance outside the targets', async () => {
      const outside = moto.fixture.instances.find((instance) => instance.zone !== zone()) as { id: string };
      await runOn(outside.id);
      const result = await runComputeFailureSimulation({
        ...base(),
        duration: 0,
        logger: createMemoryLogger(),
      });
      expect(result.affected).toHaveLength(3);
    });
  });
});
