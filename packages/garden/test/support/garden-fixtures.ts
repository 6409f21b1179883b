// A Gardener project with one AWS shoot, as the garden cluster holds it: Project, the project namespace,
// the provider secret (Gardener's AWS keys accessKeyID/secretAccessKey, random values that tests search
// for leaks), a SecretBinding or CredentialsBinding, a cluster-wide or namespaced CloudProfile, and a Seed.
import { randomBytes } from 'node:crypto';
import { kubeconfigFor, type SandboxCluster } from './sandbox-garden';

const core = '/apis/core.gardener.cloud/v1beta1';
const security = '/apis/security.gardener.cloud/v1alpha1';

export interface ShootFixtureOptions {
  /** Unique per test; becomes the project name. */
  project: string;
  shoot?: string;
  binding?: 'secretBinding' | 'credentialsBinding';
  cloudProfile?: 'cluster' | 'namespaced';
  /** `managed`: the seed is a shoot `garden/<seed>`; `secretRef`: reached through its kubeconfig secret. */
  seed?: 'managed' | 'secretRef';
  zones?: readonly string[];
}

export interface ShootFixture {
  project: string;
  namespace: string;
  shoot: string;
  technicalId: string;
  seedName: string;
  credentials: { accessKeyID: string; secretAccessKey: string };
  cleanup(): Promise<void>;
}

const base64 = (text: string) => Buffer.from(text).toString('base64');

export async function createAwsShoot(
  cluster: SandboxCluster,
  options: ShootFixtureOptions,
): Promise<ShootFixture> {
  const { project } = options;
  const shoot = options.shoot ?? 'web';
  const namespace = `garden-${project}`;
  const technicalId = `shoot--${project}--${shoot}`;
  const seedName = `seed-${project}`;
  const zones = options.zones ?? ['us-east-1a', 'us-east-1b', 'us-east-1c'];
  const credentials = {
    accessKeyID: `AKIA${randomBytes(8).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
  const cleanup = async () => {
    await cluster.call('DELETE', `${core}/projects/${project}`, undefined, [200, 202, 404]);
    await cluster.call('DELETE', `${core}/cloudprofiles/aws-${project}`, undefined, [200, 202, 404]);
    await cluster.call('DELETE', `${core}/seeds/${seedName}`, undefined, [200, 202, 404]);
    await cluster.call('DELETE', `${core}/namespaces/garden/shoots/${seedName}`, undefined, [200, 202, 404]);
    await cluster.call('DELETE', `/api/v1/namespaces/${namespace}`, undefined, [200, 202, 404]);
  };

  await cluster.call('POST', `${core}/projects`, {
    apiVersion: 'core.gardener.cloud/v1beta1',
    kind: 'Project',
    metadata: { name: project },
    spec: { namespace },
  });
  await cluster.call('POST', '/api/v1/namespaces', { metadata: { name: namespace } });
  await cluster.call('POST', '/api/v1/namespaces', { metadata: { name: 'garden' } }, [201, 409]);
  await cluster.call('POST', `/api/v1/namespaces/${namespace}/secrets`, {
    metadata: { name: 'aws-credentials' },
    type: 'Opaque',
    data: {
      accessKeyID: base64(credentials.accessKeyID),
      secretAccessKey: base64(credentials.secretAccessKey),
    },
  });
  const bindingName = 'aws-binding';
  if (options.binding === 'credentialsBinding') {
    await cluster.call('POST', `${security}/namespaces/${namespace}/credentialsbindings`, {
      apiVersion: 'security.gardener.cloud/v1alpha1',
      kind: 'CredentialsBinding',
      metadata: { name: bindingName },
      provider: { type: 'aws' },
      credentialsRef: { apiVersion: 'v1', kind: 'Secret', name: 'aws-credentials', namespace },
    });
  } else {
    await cluster.call('POST', `${core}/namespaces/${namespace}/secretbindings`, {
      apiVersion: 'core.gardener.cloud/v1beta1',
      kind: 'SecretBinding',
      metadata: { name: bindingName },
      provider: { type: 'aws' },
      secretRef: { name: 'aws-credentials', namespace },
    });
  }
  const profileSpec = {
    type: 'aws',
    regions: [{ name: 'us-east-1', zones: zones.map((name) => ({ name })) }],
  };
  await cluster.call('POST', `${core}/cloudprofiles`, {
    apiVersion: 'core.gardener.cloud/v1beta1',
    kind: 'CloudProfile',
    metadata: { name: `aws-${project}` },
    spec: profileSpec,
  });
  if (options.cloudProfile === 'namespaced') {
    await cluster.call('POST', `${core}/namespaces/${namespace}/namespacedcloudprofiles`, {
      apiVersion: 'core.gardener.cloud/v1beta1',
      kind: 'NamespacedCloudProfile',
      metadata: { name: 'aws-custom' },
      spec: { parent: { kind: 'CloudProfile', name: `aws-${project}` } },
    });
  }
  await createSeed(cluster, options.seed ?? 'managed', seedName, namespace, zones);
  await cluster.call('POST', `${core}/namespaces/${namespace}/shoots`, {
    apiVersion: 'core.gardener.cloud/v1beta1',
    kind: 'Shoot',
    metadata: { name: shoot, namespace },
    spec: {
      ...(options.binding === 'credentialsBinding'
        ? { credentialsBindingName: bindingName }
        : { secretBindingName: bindingName }),
      ...(options.cloudProfile === 'namespaced'
        ? { cloudProfile: { kind: 'NamespacedCloudProfile', name: 'aws-custom' } }
        : { cloudProfileName: `aws-${project}` }),
      region: 'us-east-1',
      seedName,
      provider: {
        type: 'aws',
        workers: [
          { name: 'cpu', zones: [...zones].reverse() },
          { name: 'mem', zones: zones.slice(0, 1) },
        ],
      },
    },
    status: { technicalID: technicalId },
  });
  return { project, namespace, shoot, technicalId, seedName, credentials, cleanup };
}

async function createSeed(
  cluster: SandboxCluster,
  kind: 'managed' | 'secretRef',
  seedName: string,
  namespace: string,
  zones: readonly string[],
): Promise<void> {
  if (kind === 'managed') {
    await cluster.call('POST', `${core}/seeds`, {
      apiVersion: 'core.gardener.cloud/v1beta1',
      kind: 'Seed',
      metadata: { name: seedName },
      spec: { provider: { type: 'aws', region: 'us-east-1', zones } },
    });
    await cluster.call('POST', `${core}/namespaces/garden/shoots`, {
      apiVersion: 'core.gardener.cloud/v1beta1',
      kind: 'Shoot',
      metadata: { name: seedName, namespace: 'garden' },
      spec: { region: 'us-east-1', provider: { type: 'aws', workers: [{ name: 'seed', zones }] } },
      status: { technicalID: `shoot--garden--${seedName}` },
    });
    return;
  }
  const kubeconfig = JSON.stringify(kubeconfigFor(cluster, cluster.connection.kubeApiServerUrl));
  await cluster.call('POST', `/api/v1/namespaces/${namespace}/secrets`, {
    metadata: { name: 'seed-kubeconfig' },
    data: { kubeconfig: base64(kubeconfig) },
  });
  await cluster.call('POST', `${core}/seeds`, {
    apiVersion: 'core.gardener.cloud/v1beta1',
    kind: 'Seed',
    metadata: { name: seedName },
    spec: {
      provider: { type: 'aws', region: 'us-east-1', zones },
      secretRef: { name: 'seed-kubeconfig', namespace },
    },
  });
}
