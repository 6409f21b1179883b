import { createKubeClient, type KubeClient } from '@chaosgarden/k8s';
import { type GardenAccessOptions, readShootReference, type ShootReference } from './garden-options';
import { type GardenObject, readProjectNamespace, readShoot } from './gardener-resources';

/** The garden cluster connection and the shoot of one call. */
export interface GardenSession {
  readonly client: KubeClient;
  readonly reference: ShootReference;
  /** The project namespace, e.g. `garden-dev`. */
  readonly namespace: string;
  readonly shoot: GardenObject;
  readonly signal: AbortSignal | undefined;
}

/**
 * Connects to the garden cluster, reads the project and the shoot, runs `body` and closes the
 * connection. The configuration is checked before anything is contacted.
 */
export async function withGardenSession<T>(
  options: GardenAccessOptions,
  body: (session: GardenSession) => Promise<T>,
): Promise<T> {
  const reference = readShootReference(options.configuration);
  const client = await createKubeClient({
    kubeconfig: options.kubeconfig,
    secrets: options.secrets,
    ...(options.logger === undefined ? {} : { logger: options.logger }),
  });
  try {
    const { signal } = options;
    const namespace = await readProjectNamespace(client, reference.project, signal);
    const shoot = await readShoot(client, namespace, reference.shoot, signal);
    return await body({ client, reference, namespace, shoot, signal });
  } finally {
    client.close();
  }
}

/** `shoot.spec.provider.type`, e.g. `aws`. */
export function providerTypeOf(shoot: GardenObject): string {
  const type = (shoot.spec?.provider as { type?: unknown } | undefined)?.type;
  return typeof type === 'string' ? type : '';
}

/** `shoot.status.technicalID`, e.g. `shoot--dev--my-shoot`. */
export function technicalIdOf(shoot: GardenObject): string | undefined {
  const id = shoot.status?.technicalID;
  return typeof id === 'string' && id !== '' ? id : undefined;
}
