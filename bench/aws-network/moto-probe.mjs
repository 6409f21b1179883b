// moto's own time per request on this machine, measured at the tracing proxy: a cheap DescribeVpcs and a
// ReplaceNetworkAclAssociation, each sent one at a time (median), and as many at once as the fixture has
// subnets (the burst's wall time per request says whether moto answers them side by side or in turn).
// Leaves every subnet on its original ACL and deletes the probe's ACLs.
import { median } from './trace.mjs';

const alone = 20;

/**
 * @param {{ ec2: any, sdk: any, proxy: { take(): Promise<any[]> }, vpcIds: string[], vpcFilter: any[] }} probe
 *   `ec2` must send through `proxy`.
 */
export async function probeMoto({ ec2, sdk, proxy, vpcIds, vpcFilter }) {
  await proxy.take();
  const describe = () => ec2.send(new sdk.DescribeVpcsCommand({ Filters: vpcFilter }));
  for (let i = 0; i < alone; i += 1) await describe();
  const describeAlone = durations(await proxy.take());
  const associations = await associationsOf(ec2, sdk, vpcIds);
  const describeBurst = await burst(proxy, associations.length, describe);

  const probeAcls = new Map();
  for (const vpcId of vpcIds) {
    const created = await ec2.send(new sdk.CreateNetworkAclCommand({ VpcId: vpcId }));
    probeAcls.set(vpcId, created.NetworkAcl.NetworkAclId);
  }
  try {
    const [first] = associations;
    let associationId = first.associationId;
    await proxy.take();
    for (let i = 0; i < alone; i += 1) {
      const to = i % 2 === 0 ? probeAcls.get(first.vpcId) : first.aclId;
      associationId = await replace(ec2, sdk, associationId, to);
    }
    const replaceAlone = durations(await proxy.take());
    first.associationId = associationId;
    const moved = [];
    const replaceBurst = await burst(proxy, associations.length, (index) => {
      const association = associations[index];
      return replace(ec2, sdk, association.associationId, probeAcls.get(association.vpcId)).then((id) => {
        moved[index] = id;
      });
    });
    await Promise.all(
      associations.map((association, index) => replace(ec2, sdk, moved[index], association.aclId)),
    );
    return {
      describeVpcs: { aloneMs: median(describeAlone), ...describeBurst },
      replace: { aloneMs: median(replaceAlone), ...replaceBurst },
    };
  } finally {
    for (const NetworkAclId of probeAcls.values()) {
      await ec2.send(new sdk.DeleteNetworkAclCommand({ NetworkAclId }));
    }
  }
}

/** `count` requests at once: the wall time from the first arrival to the last answer, and per request. */
async function burst(proxy, count, send) {
  await proxy.take();
  await Promise.all(Array.from({ length: count }, (_, index) => send(index)));
  const requests = await proxy.take();
  const wallMs = Math.max(...requests.map((r) => r.end)) - Math.min(...requests.map((r) => r.start));
  return { burst: requests.length, burstMs: wallMs, burstPerRequestMs: wallMs / requests.length };
}

function durations(requests) {
  return requests.map((request) => request.end - request.start);
}

async function replace(ec2, sdk, AssociationId, NetworkAclId) {
  const answer = await ec2.send(new sdk.ReplaceNetworkAclAssociationCommand({ AssociationId, NetworkAclId }));
  return answer.NewAssociationId;
}

async function associationsOf(ec2, sdk, vpcIds) {
  const Filters = [{ Name: 'vpc-id', Values: vpcIds }];
  const acls = (await ec2.send(new sdk.DescribeNetworkAclsCommand({ Filters }))).NetworkAcls ?? [];
  return acls.flatMap((acl) =>
    (acl.Associations ?? []).map((association) => ({
      vpcId: acl.VpcId,
      aclId: acl.NetworkAclId,
      associationId: association.NetworkAclAssociationId,
    })),
  );
}
