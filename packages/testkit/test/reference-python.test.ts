import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeImagesCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ec2ClientOptions, resetMoto, sandboxEnvironment } from '@chaosgarden/testkit';
import { AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { beforeEach, describe, expect, inject, it, vi } from 'vitest';

const sandbox = inject('chaosgardenSandbox');
const ec2 = new EC2Client(ec2ClientOptions(sandbox));
const run = promisify(execFile);

/** Runs Python in the reference virtualenv, pointed at the sandbox by environment only. */
async function referencePython(script: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, ...sandboxEnvironment(sandbox) };
  delete env.AWS_PROFILE;
  return run(sandbox.referencePython, ['-c', script, ...args], { env, timeout: 120_000 });
}

async function instanceIn(vpcId: string, cidr: string, zone: string): Promise<string> {
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
  const { Subnet } = await ec2.send(
    new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: cidr, AvailabilityZone: zone }),
  );
  const { Instances = [] } = await ec2.send(
    new RunInstancesCommand({
      ImageId: Images[0]?.ImageId,
      InstanceType: 't3.micro',
      MinCount: 1,
      MaxCount: 1,
      SubnetId: Subnet?.SubnetId,
    }),
  );
  return Instances[0]?.InstanceId ?? '';
}

const assessScript = `
import sys
from chaosgarden.aws.actions import assess_filters_impact
zone, vpc_id, region = sys.argv[1:4]
vpc_filter = [{'Name': 'vpc-id', 'Values': [vpc_id]}]
assess_filters_impact(
    zone=zone,
    filters={'instances': vpc_filter, 'vpcs': vpc_filter},
    configuration={'aws_region': region},
    secrets={'aws_access_key_id': 'testing', 'aws_secret_access_key': 'testing'})
`;

const clusterScript = `
import os
from chaosgarden.k8s.probes import list_cluster_key_resources
list_cluster_key_resources(pod_metadata_selector='namespace==' + os.sys.argv[1],
                           secrets={'kubeconfig_path': os.environ['KUBECONFIG']})
`;

describe('the reference Python chaosgarden against the sandbox', () => {
  beforeEach(async () => {
    await resetMoto(sandbox);
  });

  it('lists the moto instance in the zone with chaosgarden.aws.actions.assess_filters_impact', async () => {
    const [zone, otherZone] = sandbox.zones;
    const { Vpc } = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.50.0.0/16' }));
    const vpcId = Vpc?.VpcId ?? '';
    const inZone = await instanceIn(vpcId, '10.50.1.0/24', zone ?? '');
    const elsewhere = await instanceIn(vpcId, '10.50.2.0/24', otherZone ?? '');

    const { stderr } = await referencePython(assessScript, [zone ?? '', vpcId, sandbox.awsRegion]);
    expect(stderr).toContain('1 instance(s) would be impacted:');
    expect(stderr).toContain(`- ${inZone}`);
    expect(stderr).not.toContain(elsewhere);
    expect(stderr).toContain('1 VPC(s) would be impacted:');
    expect(stderr).toContain(`- ${vpcId}`);
  });

  it('reads pods and their kwok nodes through the kubeconfig with chaosgarden.k8s.probes', async () => {
    const kubeconfig = new KubeConfig();
    kubeconfig.loadFromFile(sandbox.kubeconfigPath);
    const core = kubeconfig.makeApiClient(CoreV1Api);
    const apps = kubeconfig.makeApiClient(AppsV1Api);
    const namespace = `reference-${Date.now().toString(36)}`;
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    try {
      await apps.createNamespacedDeployment({
        namespace,
        body: {
          metadata: { name: 'probe' },
          spec: {
            replicas: 1,
            selector: { matchLabels: { app: 'probe' } },
            template: {
              metadata: { labels: { app: 'probe' } },
              spec: { containers: [{ name: 'app', image: 'registry.invalid/chaosgarden/probe:1' }] },
            },
          },
        },
      });
      const pod = await vi.waitFor(
        async () => {
          const pods = await core.listNamespacedPod({ namespace });
          const running = pods.items.find((candidate) => candidate.status?.phase === 'Running');
          if (!running) throw new Error('no Running pod yet');
          return running;
        },
        { timeout: 60_000, interval: 250 },
      );
      const node = sandbox.nodes.find((candidate) => candidate.name === pod.spec?.nodeName);
      expect(node).toBeDefined();

      const { stderr } = await referencePython(clusterScript, [namespace]);
      const podLine = stderr
        .split('\n')
        .find((line) => line.includes(`- ${namespace}/${pod.metadata?.name}`));
      expect(podLine).toContain(`${node?.zone} (${node?.name})`);
      expect(stderr).toMatch(new RegExp(`- ${node?.name}\\s+Ready`));
    } finally {
      await core.deleteNamespace({ name: namespace });
    }
  });
});
