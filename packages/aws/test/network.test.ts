import { createHash } from 'node:crypto';
import type { NetworkAcl } from '@aws-sdk/client-ec2';
import { createMemoryLedger, createMemoryLogger, type NetworkFailureMode } from '@chaosgarden/core';
import { describe, expect, it } from 'vitest';
import { useTemporaryStateDirectory } from '../../../test-support/temporary-state-directory';
import { runNetworkFailureSimulation, runNetworkFailureSimulationInBackground } from '../src/index';
import { clusterFilters, clusterTagKey } from './support/fixture';
import { motoConnection, pluginAccess } from './support/moto';
import { useMotoFixture } from './support/moto-fixture';
import { aclBySubnet, blockingAcls, explicitEntries } from './support/moto-state';
import { until } from './support/until';

const connection = motoConnection();
useTemporaryStateDirectory();

/** The Python tool's tag key, computed here from its definition rather than with the plugin's code. */
function pythonZoneTagKey(zone: string): string {
  const repr = `[{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}]`;
  return `gardener.cloud/chaos/chaosgarden-block-${createHash('md5').update(repr).digest('hex').slice(0, 16)}-${zone}`;
}

const packedKey = 'gardener.cloud/chaos/original-network-acl-associations';
const perSubnetPrefix = 'gardener.cloud/chaos/original-network-acl-association/';

const expectedRules: Record<NetworkFailureMode, { ingress: string; egress: string }> = {
  total: { ingress: 'deny', egress: 'deny' },
  ingress: { ingress: 'deny', egress: 'allow' },
  egress: { ingress: 'allow', egress: 'deny' },
};

describe('runNetworkFailureSimulation against moto', () => {
  const moto = useMotoFixture(connection);

  const zoneTargets = () =>
    moto.fixture.subnets.filter(
      (subnet) =>
        subnet.zone === moto.fixture.zones[0] && subnet.tagged && subnet.vpcId !== moto.fixture.vpcs.c,
    );

  it.each(['total', 'ingress', 'egress'] as const)(
    'in %s mode moves exactly the zone’s matching subnets onto a blocking ACL per VPC and restores them afterwards',
    async (mode) => {
      const before = await aclBySubnet(moto.ec2);
      const logger = createMemoryLogger();
      const task = runNetworkFailureSimulationInBackground({
        mode,
        zone: moto.fixture.zones[0],
        filters: clusterFilters(),
        duration: -1,
        ...pluginAccess(connection),
        logger,
        ledger: createMemoryLedger(),
      });
      const targets = zoneTargets();
      const acls = await until('the zone to be blocked', async () => {
        const found = await blockingAcls(moto.ec2);
        const now = await aclBySubnet(moto.ec2);
        const blockedIds = new Set(found.map((acl) => acl.NetworkAclId));
        return targets.every((subnet) => blockedIds.has(now.get(subnet.id))) && found;
      });

      const now = await aclBySubnet(moto.ec2);
      expect(acls.map((acl) => acl.VpcId).sort()).toEqual([moto.fixture.vpcs.a, moto.fixture.vpcs.b].sort());
      for (const acl of acls) {
        expect(acl.IsDefault).toBe(false);
        expect(tagValue(acl, pythonZoneTagKey(moto.fixture.zones[0]))).toBe('1');
        expect(explicitEntries(acl)).toEqual(expectedEntries(mode));
        const onIt = targets.filter((subnet) => subnet.vpcId === acl.VpcId).map((subnet) => subnet.id);
        expect(
          [...now]
            .filter(([, aclId]) => aclId === acl.NetworkAclId)
            .map(([subnet]) => subnet)
            .sort(),
        ).toEqual(onIt.sort());
        expect(recordedOriginals(acl)).toEqual(new Map(onIt.map((id) => [id, before.get(id)])));
      }
      const untouched = moto.fixture.subnets.filter((subnet) => !targets.includes(subnet));
      expect(untouched).toHaveLength(10);
      for (const subnet of untouched) {
        expect(now.get(subnet.id), `${subnet.id} in ${subnet.zone}`).toBe(before.get(subnet.id));
      }

      await task.terminate();
      const result = await task.join();
      expect(await aclBySubnet(moto.ec2)).toEqual(before);
      expect(await blockingAcls(moto.ec2)).toEqual([]);
      expect(result.reason).toBe('termination-requested');
      expect(result.blocked.map((target) => target.id).sort()).toEqual(
        targets.map((subnet) => subnet.id).sort(),
      );
      expect(result.rollback.restored).toHaveLength(targets.length);
      expect(result.rollback.removed.map((target) => target.id).sort()).toEqual(
        acls.map((acl) => acl.NetworkAclId).sort(),
      );
      const messages = logger.entries.map((entry) => entry.message);
      expect(messages).toContain(
        `Partitioning VPCs matching [{'Name': 'tag-key', 'Values': ['${clusterTagKey}']}] in zone ${moto.fixture.zones[0]} (${mode}).`,
      );
      expect(messages.filter((message) => message.startsWith('Associated '))).toHaveLength(targets.length);
      expect(messages.filter((message) => message.startsWith('Reassociated '))).toHaveLength(targets.length);
    },
  );

  it('writes the packed tag as the Python tool does when it fits, and one tag per subnet (each within AWS limits) when not', async () => {
    const task = runNetworkFailureSimulationInBackground({
      zone: moto.fixture.zones[0],
      filters: clusterFilters(),
      duration: -1,
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    const acls = await until('two blocking ACLs', async () => {
      const found = await blockingAcls(moto.ec2);
      return found.length === 2 && found;
    });
    const before = new Map(moto.fixture.subnets.map((subnet) => [subnet.id, subnet]));
    const inA = acls.find((acl) => acl.VpcId === moto.fixture.vpcs.a) as NetworkAcl;
    const inB = acls.find((acl) => acl.VpcId === moto.fixture.vpcs.b) as NetworkAcl;
    // VPC B: 3 subnets, `subnet:acl;subnet:acl;subnet:acl` as in the Python tool.
    const packed = tagValue(inB, packedKey) ?? '';
    expect(packed).toMatch(/^subnet-[0-9a-f]+:acl-[0-9a-f]+(;subnet-[0-9a-f]+:acl-[0-9a-f]+){2}$/);
    expect(packed.length).toBeLessThanOrEqual(256);
    // VPC A: 8 subnets would need more than 256 characters (moto would not refuse it, AWS does).
    expect(tagValue(inA, packedKey)).toBeUndefined();
    const perSubnet = (inA.Tags ?? []).filter((tag) => tag.Key?.startsWith(perSubnetPrefix));
    expect(perSubnet).toHaveLength(8);
    for (const tag of [...(inA.Tags ?? []), ...(inB.Tags ?? [])]) {
      expect(tag.Key?.length).toBeLessThanOrEqual(128);
      expect(tag.Value?.length).toBeLessThanOrEqual(256);
    }
    expect((inA.Tags ?? []).length).toBeLessThanOrEqual(50);
    for (const tag of perSubnet) {
      expect(before.get(tag.Key?.slice(perSubnetPrefix.length) ?? '')?.zone).toBe(moto.fixture.zones[0]);
      expect(tag.Value).toMatch(/^acl-/);
    }
    await task.terminate();
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('with duration 0 blocks, waits one pass and rolls back before it resolves', async () => {
    const before = await aclBySubnet(moto.ec2);
    const result = await runNetworkFailureSimulation({
      mode: 'egress',
      zone: moto.fixture.zones[1],
      filters: clusterFilters(),
      duration: 0,
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(result.reason).toBe('single-invocation');
    expect(result.blocked).toHaveLength(4);
    expect(result.blocked.every((target) => target.zone === moto.fixture.zones[1])).toBe(true);
    expect(await aclBySubnet(moto.ec2)).toEqual(before);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });

  it('blocks nothing and warns when no subnet of the matching VPCs is in the zone', async () => {
    const result = await runNetworkFailureSimulation({
      zone: `${connection.region}z`,
      filters: clusterFilters(),
      ...pluginAccess(connection),
      logger: createMemoryLogger(),
      ledger: createMemoryLedger(),
    });
    expect(result.blocked).toEqual([]);
    expect(result.warnings.join('\n')).toMatch(/No subnet in zone .*z matches/);
    expect(await blockingAcls(moto.ec2)).toEqual([]);
  });
});

function tagValue(acl: NetworkAcl, key: string): string | undefined {
  return acl.Tags?.find((tag) => tag.Key === key)?.Value;
}

/** Subnet → original ACL, read from whichever form the tags have. */
function recordedOriginals(acl: NetworkAcl): Map<string, string | undefined> {
  const result = new Map<string, string | undefined>();
  for (const pair of (tagValue(acl, packedKey) ?? '').split(';').filter((entry) => entry !== '')) {
    const [subnet = '', original] = pair.split(':');
    result.set(subnet, original);
  }
  for (const tag of acl.Tags ?? []) {
    if (tag.Key?.startsWith(perSubnetPrefix)) {
      result.set(tag.Key.slice(perSubnetPrefix.length), tag.Value);
    }
  }
  return result;
}

function expectedEntries(mode: NetworkFailureMode) {
  const { ingress, egress } = expectedRules[mode];
  return [
    { egress: false, cidr: '0.0.0.0/0', action: ingress, rule: 1, protocol: '-1' },
    { egress: false, cidr: '::/0', action: ingress, rule: 2, protocol: '-1' },
    { egress: true, cidr: '0.0.0.0/0', action: egress, rule: 1, protocol: '-1' },
    { egress: true, cidr: '::/0', action: egress, rule: 2, protocol: '-1' },
  ];
}
