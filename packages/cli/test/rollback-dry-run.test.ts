import {
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { ec2ClientOptions, readSandboxConnection, resetMoto } from '@chaosgarden/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { aclOfSubnet, awsNetworkArgs, blockingAclIds, clusterTagKey } from './support/moto-fixture';
import { scratchDirectory, startCli } from './support/run-cli';

interface Target {
  kind: string;
  id: string;
  zone?: string;
  details?: Record<string, unknown>;
}

interface AwsReport {
  provider: 'aws';
  dryRun: boolean;
  found: Target[];
  restored: Target[];
  removed: Target[];
  wouldRestore: Target[];
  wouldRemove: Target[];
  leftovers: string[];
}

interface ProbeReport {
  provider: 'k8s';
  cluster: string;
  dryRun: boolean;
  found: { kind: string; name: string; namespace?: string }[];
  wouldRemove: string[];
  removed: string[];
  leftovers: string[];
}

/** Two tagged VPCs: two subnets of us-east-1a in the first, three in the second, one of us-east-1b. */
async function twoVpcFixture(ec2: EC2Client) {
  const tags = [{ Key: clusterTagKey, Value: '1' }];
  const subnetsInZone: string[] = [];
  for (const [index, count] of [2, 3].entries()) {
    const vpcId = (await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${20 + index}.0.0/16` }))).Vpc?.VpcId;
    await ec2.send(new CreateTagsCommand({ Resources: [vpcId ?? ''], Tags: tags }));
    for (let octet = 0; octet < count + 1; octet++) {
      const zone = octet < count ? 'us-east-1a' : 'us-east-1b';
      const created = await ec2.send(
        new CreateSubnetCommand({
          VpcId: vpcId,
          CidrBlock: `10.${20 + index}.${octet}.0/24`,
          AvailabilityZone: zone,
        }),
      );
      const id = created.Subnet?.SubnetId ?? '';
      await ec2.send(new CreateTagsCommand({ Resources: [id], Tags: tags }));
      if (zone === 'us-east-1a') subnetsInZone.push(id);
    }
  }
  return subnetsInZone;
}

/** `chaosgarden aws network` killed with SIGKILL once moto shows every subnet of the zone blocked. */
async function killedPartition(ec2: EC2Client, subnets: readonly string[], cwd: string) {
  const run = startCli(awsNetworkArgs('--duration', '-1', '--yes'), cwd);
  let ended = false;
  void run.done.then(() => {
    ended = true;
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    const acls = new Set(await blockingAclIds(ec2));
    const now = await aclOfSubnet(ec2);
    if (subnets.every((subnet) => acls.has(now.get(subnet) ?? ''))) break;
    if (ended || Date.now() > deadline) throw new Error(`The partition did not happen: ${run.stderr()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  run.child.kill('SIGKILL');
  await run.done;
}

async function blockingAclsAsSeen(ec2: EC2Client) {
  const acls = (await ec2.send(new DescribeNetworkAclsCommand({}))).NetworkAcls ?? [];
  const ids = new Set(await blockingAclIds(ec2));
  return acls.filter((acl) => ids.has(acl.NetworkAclId ?? ''));
}

describe('chaosgarden rollback --dry-run', () => {
  let ec2: EC2Client | undefined;
  afterEach(() => ec2?.destroy());

  it('lists each of the five subnets it would restore (from → to) and the two ACLs it would delete, and changes nothing', async () => {
    const sandbox = readSandboxConnection();
    await resetMoto(sandbox);
    ec2 = new EC2Client(ec2ClientOptions(sandbox));
    const subnets = await twoVpcFixture(ec2);
    expect(subnets).toHaveLength(5);
    const original = await aclOfSubnet(ec2);
    const cwd = scratchDirectory();
    await killedPartition(ec2, subnets, cwd);
    const partitioned = await aclOfSubnet(ec2);
    const acls = await blockingAclsAsSeen(ec2);
    expect(acls).toHaveLength(2);

    const dry = await startCli(['rollback', '--dry-run'], cwd).done;

    expect(dry.code, dry.stderr).toBe(0);
    const [report, ...others] = JSON.parse(dry.stdout) as AwsReport[];
    expect(others).toEqual([]);
    expect(report?.dryRun).toBe(true);
    expect(report?.wouldRestore.map((target) => target.id).sort()).toEqual([...subnets].sort());
    for (const target of report?.wouldRestore ?? []) {
      expect(target.details).toMatchObject({
        fromNetworkAclId: partitioned.get(target.id),
        networkAclId: original.get(target.id),
      });
      expect(dry.stderr).toContain(
        `Dry run: would move ${target.id} from blocking network ACL ${partitioned.get(target.id)} back to ${original.get(target.id)}`,
      );
    }
    expect(report?.wouldRemove.map((target) => target.id).sort()).toEqual(
      acls.map((acl) => acl.NetworkAclId).sort(),
    );
    for (const acl of acls) {
      expect(dry.stderr).toContain(`Dry run: would delete blocking network ACL ${acl.NetworkAclId}`);
    }
    expect(report?.restored).toEqual([]);
    expect(report?.removed).toEqual([]);
    expect(dry.stderr).toContain(
      'Dry run: would restore 5 subnet(s) and remove 2 network-acl(s) (aws); nothing was changed.',
    );
    expect(dry.stderr).not.toContain('Nothing left behind');
    // Read back: moto is as the killed run left it.
    expect(await aclOfSubnet(ec2)).toEqual(partitioned);
    expect(await blockingAclsAsSeen(ec2)).toEqual(acls);

    const real = await startCli(['rollback'], cwd).done;
    expect(real.code, real.stderr).toBe(0);
    expect(await aclOfSubnet(ec2)).toEqual(original);
    expect(await blockingAclIds(ec2)).toEqual([]);
  });

  it('looks into the cluster for the health probe: the API server URL, what exists, nothing removed', async () => {
    const sandbox = readSandboxConnection();
    const dry = await startCli(
      ['rollback', '--dry-run', '--kubeconfig', sandbox.kubeconfigPath],
      scratchDirectory(),
    ).done;

    expect(dry.code, dry.stderr).toBe(0);
    const reports = JSON.parse(dry.stdout) as ProbeReport[];
    const probe = reports.find((report) => report.provider === 'k8s');
    expect(probe?.cluster).toBe(sandbox.kubeApiServerUrl);
    expect(probe?.cluster).not.toContain(sandbox.kubeconfigPath);
    expect(probe?.dryRun).toBe(true);
    expect(probe?.removed).toEqual([]);
    expect(probe?.wouldRemove).toEqual(
      (probe?.found ?? []).map(
        (object) =>
          `${object.kind} ${object.namespace === undefined ? '' : `${object.namespace}/`}${object.name}`,
      ),
    );
    expect(dry.stderr).not.toContain(sandbox.token);
    expect(dry.stdout).not.toContain(sandbox.token);
  });
});
