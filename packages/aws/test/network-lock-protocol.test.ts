import {
  CreateNetworkAclCommand,
  DescribeNetworkAclsCommand,
  ReplaceNetworkAclAssociationCommand,
} from '@aws-sdk/client-ec2';
import { createMemoryLedger, createMemoryLogger, filterHash, SimulationLockedError } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { awsBlockTagKey } from '../src/artefacts';
import {
  rollbackNetworkFailureSimulation,
  runNetworkFailureSimulation,
  runNetworkFailureSimulationInBackground,
} from '../src/index';
import { clusterFilters } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, allAcls, blockingAcls } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();
const holderTagKey = 'gardener.cloud/chaos/chaosgarden-holder';

describe('the cloud lock against moto: whose blocking ACLs a run touches', () => {
  const moto = useMotoFixture(connection);
  const zone = () => moto.fixture.zones[0];
  const base = () => ({ zone: zone(), filters: clusterFilters(), ...pluginAccess(connection) });
  const zoneTagKey = () => awsBlockTagKey(filterHash(clusterFilters().subnets), zone());
  const elsewhere = {
    run: 'elsewhere-run',
    host: 'another-machine',
    pid: 4242,
    until: new Date(Date.now() + 3_600_000).toISOString(),
    ticket: 1,
  };

  /** What a run on another machine leaves in the cloud: its blocking ACL in VPC A, optionally holding one subnet. */
  const plantOtherHolder = async (options: { withSubnet: boolean }) => {
    const subnet = moto.fixture.subnets.find(
      (candidate) => candidate.vpcId === moto.fixture.vpcs.a && candidate.zone === zone() && candidate.tagged,
    ) as { id: string };
    const original = (await aclBySubnet(moto.ec2)).get(subnet.id) as string;
    const created = await moto.ec2.send(
      new CreateNetworkAclCommand({
        VpcId: moto.fixture.vpcs.a,
        TagSpecifications: [
          {
            ResourceType: 'network-acl',
            Tags: [
              { Key: zoneTagKey(), Value: '1' },
              { Key: holderTagKey, Value: JSON.stringify(elsewhere) },
              {
                Key: 'gardener.cloud/chaos/original-network-acl-associations',
                Value: `${subnet.id}:${original}`,
              },
            ],
          },
        ],
      }),
    );
    const aclId = created.NetworkAcl?.NetworkAclId as string;
    if (options.withSubnet) {
      const [acl] =
        (await moto.ec2.send(new DescribeNetworkAclsCommand({ NetworkAclIds: [original] }))).NetworkAcls ??
        [];
      const association = acl?.Associations?.find((entry) => entry.SubnetId === subnet.id);
      await moto.ec2.send(
        new ReplaceNetworkAclAssociationCommand({
          AssociationId: association?.NetworkAclAssociationId,
          NetworkAclId: aclId,
        }),
      );
    }
    return { aclId, subnetId: subnet.id, original };
  };

  it("leaves another machine's blocking ACL that appeared during the run alone in its final roll-back", async () => {
    const before = await aclBySubnet(moto.ec2);
    const logger = createMemoryLogger();
    const task = runNetworkFailureSimulationInBackground({
      ...base(),
      duration: -1,
      logger,
      ledger: createMemoryLedger(),
    });
    await until('the zone to be blocked', async () => (await blockingAcls(moto.ec2)).length === 2);
    await until('every planned subnet blocked', async () => {
      const acls = new Set((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId));
      return [...(await aclBySubnet(moto.ec2)).values()].filter((acl) => acls.has(acl)).length === 11;
    });
    const planted = await plantOtherHolder({ withSubnet: false });

    await task.terminate();

    expect((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId)).toEqual([planted.aclId]);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(logger.entries.map((entry) => entry.message)).toContainEqual(
      `Leaving blocking network ACL ${planted.aclId} in ${moto.fixture.vpcs.a} alone: it belongs to run elsewhere-run (pid 4242 on host another-machine, lease until ${elsewhere.until}), which may still be running.`,
    );
  });

  it("refuses with rollbackLeftovers too when another machine's holder may still run, touching nothing", async () => {
    const planted = await plantOtherHolder({ withSubnet: true });
    const before = await aclBySubnet(moto.ec2);

    const run = runNetworkFailureSimulation({
      ...base(),
      duration: 0,
      rollbackLeftovers: true,
      logger: createMemoryLogger(),
    });

    await expect(run).rejects.toSatisfy(SimulationLockedError.isInstance);
    await expect(run).rejects.toThrow(/by run elsewhere-run \(pid 4242 on host another-machine/);
    expect((await blockingAcls(moto.ec2)).map((acl) => acl.NetworkAclId)).toEqual([planted.aclId]);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
  });

  it('overrides any holder in the explicit roll-back (the panic button), naming each live one', async () => {
    const planted = await plantOtherHolder({ withSubnet: true });
    const logger = createMemoryLogger();

    const result = await rollbackNetworkFailureSimulation({ ...base(), logger });

    const warning = `Overriding run elsewhere-run (pid 4242 on host another-machine, lease until ${elsewhere.until}), which may still be running: rolling back its blocking network ACL ${planted.aclId} in ${moto.fixture.vpcs.a}.`;
    expect(result.warnings).toContain(warning);
    expect(logger.entries).toContainEqual(expect.objectContaining({ level: 'warn', message: warning }));
    expect(result.removed.map((target) => target.id)).toEqual([planted.aclId]);
    expect((await aclBySubnet(moto.ec2)).get(planted.subnetId)).toBe(planted.original);
    expect((await allAcls(moto.ec2)).map((acl) => acl.NetworkAclId)).not.toContain(planted.aclId);
  });
});
