// Makes the local sandbox look like a Gardener landscape with one AWS shoot, for examples/first-script.ts:
// Gardener's resources as custom resources on the sandbox apiserver (the garden cluster), a project with
// an AWS shoot whose credentials secret holds dummy keys, and the shoot's VPC, subnets and machines on
// moto. On a real garden you skip all of this and set GARDEN_PROJECT, GARDEN_SHOOT and KUBECONFIG.
import { randomBytes } from 'node:crypto';
import {
  CreateSubnetCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DescribeNetworkAclsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import type { Logger } from '@chaosgarden/core';
import { ec2ClientOptions, kubeAccess, kubeRequest, readSandboxConnection } from '@chaosgarden/testkit';

const core = 'core.gardener.cloud/v1beta1';
const kinds = [
  ['Project', 'projects', 'Cluster'],
  ['Shoot', 'shoots', 'Namespaced'],
  ['SecretBinding', 'secretbindings', 'Namespaced'],
  ['CloudProfile', 'cloudprofiles', 'Cluster'],
] as const;

export interface SandboxGarden {
  project: string;
  shoot: string;
  /** Garden functions' options for the sandbox: its kubeconfig and moto's endpoint for the AWS plugin. */
  options: {
    kubeconfig: { path: string };
    providerOptions: { aws: { configuration: { awsEndpointUrl: string } } };
  };
  /** Logs which subnet is on which network ACL, as a user would check after the outage. */
  report(logger: Logger): Promise<void>;
  /** Removes the Gardener objects again (moto keeps the VPC, like every sandbox example). */
  cleanup(): Promise<void>;
}

export async function prepareSandboxGarden(): Promise<SandboxGarden> {
  const connection = readSandboxConnection();
  const access = kubeAccess(connection);
  const call = async (method: string, path: string, body?: unknown, ok = [200, 201, 202]) => {
    const response = await kubeRequest(access, method, path, body === undefined ? {} : { body });
    if (!ok.includes(response.status))
      throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
  };
  for (const [kind, plural, scope] of kinds) {
    await call(
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      crd(kind, plural, scope),
      [201, 409],
    );
  }
  await waitUntilServed(access);

  const project = `demo-${randomBytes(3).toString('hex')}`;
  const shoot = 'web';
  const namespace = `garden-${project}`;
  const technicalId = `shoot--${project}--${shoot}`;
  const base64 = (text: string) => Buffer.from(text).toString('base64');
  await call('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  await call('POST', `/apis/${core}/projects`, {
    apiVersion: core,
    kind: 'Project',
    metadata: { name: project },
    spec: { namespace },
  });
  await call('POST', `/api/v1/namespaces/${namespace}/secrets`, {
    metadata: { name: 'aws' },
    data: {
      accessKeyID: base64(connection.awsAccessKeyId),
      secretAccessKey: base64(connection.awsSecretAccessKey),
    },
  });
  await call('POST', `/apis/${core}/namespaces/${namespace}/secretbindings`, {
    apiVersion: core,
    kind: 'SecretBinding',
    metadata: { name: 'aws' },
    provider: { type: 'aws' },
    secretRef: { name: 'aws', namespace },
  });
  await call(
    'POST',
    `/apis/${core}/cloudprofiles`,
    {
      apiVersion: core,
      kind: 'CloudProfile',
      metadata: { name: `aws-${project}` },
      spec: { type: 'aws' },
    },
    [201, 409],
  );
  await call('POST', `/apis/${core}/namespaces/${namespace}/shoots`, {
    apiVersion: core,
    kind: 'Shoot',
    metadata: { name: shoot },
    spec: {
      cloudProfileName: `aws-${project}`,
      secretBindingName: 'aws',
      region: connection.awsRegion,
      provider: { type: 'aws', workers: [{ name: 'cpu', zones: connection.zones }] },
    },
    status: { technicalID: technicalId },
  });

  const ec2 = new EC2Client(ec2ClientOptions(connection));
  const { vpcId, subnets } = await createShootNetwork(ec2, technicalId, connection.zones);
  return {
    project,
    shoot,
    options: {
      kubeconfig: { path: connection.kubeconfigPath },
      providerOptions: { aws: { configuration: { awsEndpointUrl: connection.awsEndpoint } } },
    },
    async report(logger) {
      const acls = await ec2.send(
        new DescribeNetworkAclsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }),
      );
      const onDefault = new Set(
        (acls.NetworkAcls ?? [])
          .filter((acl) => acl.IsDefault)
          .flatMap((acl) => acl.Associations ?? [])
          .map((a) => a.SubnetId),
      );
      for (const [zone, subnetId] of Object.entries(subnets)) {
        const state = onDefault.has(subnetId) ? 'its original network ACL' : 'a BLOCKING network ACL';
        logger.info(`Subnet ${subnetId} (${zone}) is on ${state}.`);
      }
      const left = (acls.NetworkAcls ?? []).filter((acl) => !acl.IsDefault).length;
      logger.info(`Blocking network ACLs left behind: ${left}.`);
    },
    async cleanup() {
      await call('DELETE', `/apis/${core}/projects/${project}`, undefined, [200, 202, 404]);
      await call('DELETE', `/apis/${core}/cloudprofiles/aws-${project}`, undefined, [200, 202, 404]);
      await call('DELETE', `/api/v1/namespaces/${namespace}`, undefined, [200, 202, 404]);
    },
  };
}

function crd(kind: string, plural: string, scope: string) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.core.gardener.cloud` },
    spec: {
      group: 'core.gardener.cloud',
      scope,
      names: { kind, plural, singular: kind.toLowerCase(), listKind: `${kind}List` },
      versions: [
        {
          name: 'v1beta1',
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

async function waitUntilServed(access: ReturnType<typeof kubeAccess>): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (const [, plural, scope] of kinds) {
    const path =
      scope === 'Cluster' ? `/apis/${core}/${plural}` : `/apis/${core}/namespaces/default/${plural}`;
    while ((await kubeRequest(access, 'GET', path)).status !== 200) {
      if (Date.now() > deadline) throw new Error(`${plural}.core.gardener.cloud is not served`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

async function createShootNetwork(ec2: EC2Client, technicalId: string, zones: readonly string[]) {
  const Tags = [{ Key: `kubernetes.io/cluster/${technicalId}`, Value: '1' }];
  const second = 100 + Math.floor(Math.random() * 100);
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: `10.${second}.0.0/16` }));
  const vpcId = vpc.Vpc?.VpcId ?? '';
  await ec2.send(new CreateTagsCommand({ Resources: [vpcId], Tags }));
  const subnets: Record<string, string> = {};
  for (const [index, zone] of zones.entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({
        VpcId: vpcId,
        CidrBlock: `10.${second}.${index}.0/24`,
        AvailabilityZone: zone,
      }),
    );
    subnets[zone] = subnet.Subnet?.SubnetId ?? '';
    await ec2.send(new CreateTagsCommand({ Resources: [subnets[zone]], Tags }));
    await ec2.send(
      new RunInstancesCommand({
        ImageId: 'ami-12c6146b',
        MinCount: 1,
        MaxCount: 1,
        SubnetId: subnets[zone],
        TagSpecifications: [{ ResourceType: 'instance', Tags }],
      }),
    );
  }
  return { vpcId, subnets };
}
