// Gardener's resources as schemaless custom resources, enough for chaosgarden to read them. Shared by every
// test file (cluster-scoped, created once, never deleted: other runs may use them at the same time).
import type { SandboxCluster } from './sandbox-garden';

interface Kind {
  group: string;
  version: string;
  kind: string;
  plural: string;
  scope: 'Namespaced' | 'Cluster';
}

const kinds: Kind[] = [
  { group: 'core.gardener.cloud', version: 'v1beta1', kind: 'Project', plural: 'projects', scope: 'Cluster' },
  { group: 'core.gardener.cloud', version: 'v1beta1', kind: 'Shoot', plural: 'shoots', scope: 'Namespaced' },
  { group: 'core.gardener.cloud', version: 'v1beta1', kind: 'Seed', plural: 'seeds', scope: 'Cluster' },
  {
    group: 'core.gardener.cloud',
    version: 'v1beta1',
    kind: 'SecretBinding',
    plural: 'secretbindings',
    scope: 'Namespaced',
  },
  {
    group: 'core.gardener.cloud',
    version: 'v1beta1',
    kind: 'CloudProfile',
    plural: 'cloudprofiles',
    scope: 'Cluster',
  },
  {
    group: 'core.gardener.cloud',
    version: 'v1beta1',
    kind: 'NamespacedCloudProfile',
    plural: 'namespacedcloudprofiles',
    scope: 'Namespaced',
  },
  {
    group: 'security.gardener.cloud',
    version: 'v1alpha1',
    kind: 'CredentialsBinding',
    plural: 'credentialsbindings',
    scope: 'Namespaced',
  },
];

function definition(kind: Kind) {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${kind.plural}.${kind.group}` },
    spec: {
      group: kind.group,
      scope: kind.scope,
      names: {
        kind: kind.kind,
        plural: kind.plural,
        singular: kind.kind.toLowerCase(),
        listKind: `${kind.kind}List`,
      },
      versions: [
        {
          name: kind.version,
          served: true,
          storage: true,
          // No status subresource: fixtures set status.technicalID when they create a shoot.
          schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        },
      ],
    },
  };
}

/** Creates the CRDs that are missing and waits until every one is served. */
export async function installGardenerCrds(cluster: SandboxCluster): Promise<void> {
  for (const kind of kinds) {
    await cluster.call(
      'POST',
      '/apis/apiextensions.k8s.io/v1/customresourcedefinitions',
      definition(kind),
      [201, 409],
    );
  }
  for (const kind of kinds) {
    const path =
      kind.scope === 'Cluster'
        ? `/apis/${kind.group}/${kind.version}/${kind.plural}`
        : `/apis/${kind.group}/${kind.version}/namespaces/default/${kind.plural}`;
    await cluster.waitFor(`${kind.plural}.${kind.group} to be served`, async () => {
      const response = await cluster.request('GET', path);
      return response.status === 200 ? true : undefined;
    });
  }
}
