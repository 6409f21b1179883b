import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Fixture } from './fixture';
import { aclBySubnet, blockingAcls } from './moto-state';
import { until } from './until';

/** The subnets a network simulation with `clusterFilters()` plans to block in `zone`: tagged, in VPC A or B. */
export function plannedSubnets(fixture: Fixture, zone: string): string[] {
  return fixture.subnets
    .filter((subnet) => subnet.zone === zone && subnet.tagged && subnet.vpcId !== fixture.vpcs.c)
    .map((subnet) => subnet.id);
}

/**
 * Waits until moto shows every one of `subnetIds` on a blocking ACL (a running simulation has finished
 * blocking), then returns that state: subnet id → ACL id. Never waits for a fixed time.
 */
export async function untilBlocked(
  ec2: EC2Client,
  subnetIds: readonly string[],
  timeoutMs?: number,
): Promise<Map<string, string>> {
  return until(
    `${subnetIds.length} subnet(s) on a blocking ACL`,
    async () => {
      const blocking = new Set((await blockingAcls(ec2)).map((acl) => acl.NetworkAclId));
      const now = await aclBySubnet(ec2);
      return subnetIds.every((id) => blocking.has(now.get(id))) && now;
    },
    timeoutMs,
  );
}
