import { type CloudProviderV1, camelizeKeys, registerSecrets } from '@chaosgarden/core';
import type { CloudProviderAccessOptions } from './garden-options';
import { providerTypeOf, withGardenSession } from './garden-session';
import { readCloudProfile, readShootCredentials } from './gardener-resources';
import { resolveCloudProviderPlugin } from './plugin-registry';
import { resolveZone, workerZones, type ZoneReference } from './zones';

/** Everything a plugin action needs, derived from the shoot. Secrets stay in memory. */
export interface CloudProviderCall {
  provider: CloudProviderV1;
  providerType: string;
  zone: string;
  filters: unknown;
  configuration: Record<string, unknown>;
  secrets: Record<string, unknown>;
}

/**
 * Reads the shoot, picks its plugin, resolves the zone against the worker zones, reads the credentials
 * and the cloud profile, lets the plugin map them (`fromShoot`), applies `providerOptions` and loads the
 * plugin's implementation.
 */
export async function prepareCloudProviderCall(
  options: CloudProviderAccessOptions & { zone?: ZoneReference | null | undefined },
): Promise<CloudProviderCall> {
  return withGardenSession(options, async (session) => {
    const { client, namespace, shoot, signal, reference } = session;
    const providerType = providerTypeOf(shoot);
    const descriptor = await resolveCloudProviderPlugin(providerType, options);
    const zone = resolveZone(options.zone, workerZones(shoot.spec));
    const credentials = await readShootCredentials(client, namespace, shoot, signal);
    const cloudProfile = await readCloudProfile(client, namespace, shoot, signal);
    const mapping = descriptor.fromShoot({ shoot, credentials, cloudProfile, zone });
    const { configuration, secrets } = applyProviderOptions(
      mapping,
      providerType,
      options.providerOptions,
      reference.azureCloud,
    );
    registerSecrets(secrets);
    const provider = await descriptor.load();
    return { provider, providerType, zone, filters: mapping.filters, configuration, secrets };
  });
}

/**
 * The plugin's mapping with the caller's `providerOptions[providerType]` merged over it (the caller
 * wins), and, for Azure, the configuration's `azureCloud` as a secret (as the Python tool did).
 */
export function applyProviderOptions(
  mapping: { configuration: unknown; secrets: unknown },
  providerType: string,
  providerOptions: CloudProviderAccessOptions['providerOptions'],
  azureCloud: string | undefined,
): { configuration: Record<string, unknown>; secrets: Record<string, unknown> } {
  const extra = providerOptions?.[providerType];
  const azure = providerType === 'azure' && azureCloud !== undefined ? { azureCloud } : {};
  return {
    configuration: {
      ...camelizeKeys(mapping.configuration, 'configuration'),
      ...camelizeKeys(extra?.configuration, `providerOptions.${providerType}.configuration`),
    },
    secrets: {
      ...camelizeKeys(mapping.secrets, 'secrets'),
      ...azure,
      ...camelizeKeys(extra?.secrets, `providerOptions.${providerType}.secrets`),
    },
  };
}
