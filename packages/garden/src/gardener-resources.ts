import { registerSecrets } from '@chaosgarden/core';
import { KubeApiError, type KubeClient } from '@chaosgarden/k8s';
import { GardenResourceError } from './garden-resource-error';

/** A Kubernetes object as read from the garden cluster. */
export type GardenObject = Readonly<Record<string, unknown>> & {
  readonly metadata?: Readonly<Record<string, unknown>>;
  readonly spec?: Readonly<Record<string, unknown>>;
  readonly status?: Readonly<Record<string, unknown>>;
};

const core = '/apis/core.gardener.cloud/v1beta1';
const security = '/apis/security.gardener.cloud/v1alpha1';

const segment = encodeURIComponent;

async function get(client: KubeClient, path: string, what: string, signal?: AbortSignal) {
  return client.request<GardenObject>({ verb: 'get', path, signal, operation: `get ${what}` });
}

/** `Project.spec.namespace`, e.g. `garden-dev`. */
export async function readProjectNamespace(
  client: KubeClient,
  project: string,
  signal?: AbortSignal,
): Promise<string> {
  const object = await get(client, `${core}/projects/${segment(project)}`, `project ${project}`, signal);
  const namespace = object.spec?.namespace;
  if (typeof namespace !== 'string' || namespace === '') {
    throw new GardenResourceError(`Project ${project} has no spec.namespace (is it ready?).`);
  }
  return namespace;
}

export function readShoot(client: KubeClient, namespace: string, name: string, signal?: AbortSignal) {
  return get(
    client,
    `${core}/namespaces/${segment(namespace)}/shoots/${segment(name)}`,
    `shoot ${namespace}/${name}`,
    signal,
  );
}

/** The managed seed's shoot (`garden/<seed name>`), or `undefined` when the seed is not a shoot (404). */
export async function readManagedSeedShoot(
  client: KubeClient,
  seedName: string,
  signal?: AbortSignal,
): Promise<GardenObject | undefined> {
  try {
    return await readShoot(client, 'garden', seedName, signal);
  } catch (error) {
    if (KubeApiError.isInstance(error) && error.statusCode === 404) return undefined;
    throw error;
  }
}

export function readSeed(client: KubeClient, name: string, signal?: AbortSignal) {
  return get(client, `${core}/seeds/${segment(name)}`, `seed ${name}`, signal);
}

/**
 * The decoded `data` of the shoot's cloud-provider credentials: via `spec.secretBindingName` (a
 * SecretBinding's `secretRef`), else `spec.credentialsBindingName` (a CredentialsBinding's
 * `credentialsRef`, read as a Secret). Every value is registered for redaction before it is returned.
 */
export async function readShootCredentials(
  client: KubeClient,
  namespace: string,
  shoot: GardenObject,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const spec = shoot.spec ?? {};
  let reference: { name?: unknown; namespace?: unknown } | undefined;
  if (typeof spec.secretBindingName === 'string' && spec.secretBindingName !== '') {
    const name = spec.secretBindingName;
    const binding = await get(
      client,
      `${core}/namespaces/${segment(namespace)}/secretbindings/${segment(name)}`,
      `secretbinding ${namespace}/${name}`,
      signal,
    );
    reference = binding.secretRef as typeof reference;
  } else if (typeof spec.credentialsBindingName === 'string' && spec.credentialsBindingName !== '') {
    const name = spec.credentialsBindingName;
    const binding = await get(
      client,
      `${security}/namespaces/${segment(namespace)}/credentialsbindings/${segment(name)}`,
      `credentialsbinding ${namespace}/${name}`,
      signal,
    );
    reference = binding.credentialsRef as typeof reference;
  } else {
    throw new GardenResourceError(
      'Neither credentialsBindingName nor secretBindingName is present in shoot.spec',
    );
  }
  const secretName = reference?.name;
  const secretNamespace = reference?.namespace ?? namespace;
  if (typeof secretName !== 'string' || typeof secretNamespace !== 'string') {
    throw new GardenResourceError(
      "The shoot's binding names no secret (secretRef/credentialsRef without a name).",
    );
  }
  return readSecretData(client, secretNamespace, secretName, signal);
}

/** A Secret's `data`, base64-decoded, each value registered for redaction. */
export async function readSecretData(
  client: KubeClient,
  namespace: string,
  name: string,
  signal?: AbortSignal,
): Promise<Record<string, string>> {
  const secret = await get(
    client,
    `/api/v1/namespaces/${segment(namespace)}/secrets/${segment(name)}`,
    `secret ${namespace}/${name}`,
    signal,
  );
  const data = (secret.data ?? {}) as Record<string, unknown>;
  const decoded: Record<string, string> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === 'string') decoded[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  registerSecrets(decoded);
  return decoded;
}

/**
 * The shoot's CloudProfile: `spec.cloudProfileName`, else `spec.cloudProfile` (`kind`
 * `NamespacedCloudProfile` is read from the project namespace, any other kind cluster-wide).
 */
export async function readCloudProfile(
  client: KubeClient,
  namespace: string,
  shoot: GardenObject,
  signal?: AbortSignal,
): Promise<GardenObject> {
  const spec = shoot.spec ?? {};
  if (typeof spec.cloudProfileName === 'string' && spec.cloudProfileName !== '') {
    const name = spec.cloudProfileName;
    return get(client, `${core}/cloudprofiles/${segment(name)}`, `cloudprofile ${name}`, signal);
  }
  const reference = spec.cloudProfile as { kind?: unknown; name?: unknown } | undefined;
  if (reference !== undefined && typeof reference.name === 'string' && reference.name !== '') {
    const name = reference.name;
    if ((reference.kind ?? 'CloudProfile') === 'NamespacedCloudProfile') {
      return get(
        client,
        `${core}/namespaces/${segment(namespace)}/namespacedcloudprofiles/${segment(name)}`,
        `namespacedcloudprofile ${namespace}/${name}`,
        signal,
      );
    }
    return get(client, `${core}/cloudprofiles/${segment(name)}`, `cloudprofile ${name}`, signal);
  }
  throw new GardenResourceError('Neither cloudProfileName nor cloudProfile is present in shoot.spec');
}
