import {
  type CloudProviderDescriptorV1,
  camelizeKeys,
  InvalidArgumentError,
  type Logger,
} from '@chaosgarden/core';
import type { KubeconfigSource } from '@chaosgarden/k8s';

/** Which shoot, as the Python tool's experiment `configuration` names it. */
export interface GardenConfiguration {
  /** Gardener project name (Python: `garden_project`). Required. */
  gardenProject?: string;
  /** Shoot name (Python: `garden_shoot`). Required. */
  gardenShoot?: string;
  /** Azure shoots only: passed to the Azure plugin as `secrets.azureCloud`. Default `AZURE_PUBLIC_CLOUD`. */
  azureCloud?: string;
  /** Other keys (an experiment's whole configuration) are ignored. */
  readonly [key: string]: unknown;
}

/** Settings handed to one provider's plugin on top of what its `fromShoot` derived from the shoot. */
export interface ProviderClientOptions {
  /** Merged over the mapped configuration, e.g. `{ awsEndpointUrl: 'http://127.0.0.1:5000' }`. */
  configuration?: Readonly<Record<string, unknown>>;
  /** Merged over the mapped secrets (registered for redaction). */
  secrets?: Readonly<Record<string, unknown>>;
}

/** How every garden function reaches the garden cluster and the shoot. */
export interface GardenAccessOptions {
  /** `{ gardenProject, gardenShoot }` (snake_case `garden_project`/`garden_shoot` accepted). Required. */
  configuration?: GardenConfiguration | Readonly<Record<string, unknown>> | null | undefined;
  /**
   * The garden cluster's kubeconfig as the Python tool took it: `kubeconfigStruct`, `kubeconfigYaml` or
   * `kubeconfigPath` (snake_case accepted). Default: the `kubeconfig` option, else env `KUBECONFIG`.
   */
  secrets?: Readonly<Record<string, unknown>> | null | undefined;
  /** The garden cluster's kubeconfig (`{ path }`, `{ yaml }`, `{ object }`). Default: `secrets`, then `KUBECONFIG`. */
  kubeconfig?: KubeconfigSource | undefined;
  /** Where progress goes. Default: `createLogger()` (human lines on stderr). */
  logger?: Logger | undefined;
  /** Abort to stop: reads are cancelled, simulations end and roll back. */
  signal?: AbortSignal | undefined;
}

/** Options of the cloud-provider functions, on top of `GardenAccessOptions`. */
export interface CloudProviderAccessOptions extends GardenAccessOptions {
  /**
   * Plugins to use instead of (or besides) the `@chaosgarden/<provider type>` packages; the one whose
   * `providerType` matches the shoot wins over detection and over `registerCloudProviderPlugin`.
   */
  plugins?: readonly CloudProviderDescriptorV1[] | undefined;
  /**
   * Per-provider client settings by provider type, e.g.
   * `{ aws: { configuration: { awsEndpointUrl: 'http://127.0.0.1:5000' } } }`. Default: none.
   */
  providerOptions?: Readonly<Record<string, ProviderClientOptions>> | undefined;
  /**
   * Directory plugins are resolved from (the user's project), and only there. Default: `process.cwd()`,
   * then where `@chaosgarden/garden` itself is installed.
   */
  resolvePluginsFrom?: string | undefined;
}

/** The shoot a call is about. */
export interface ShootReference {
  project: string;
  shoot: string;
  azureCloud: string | undefined;
}

/**
 * Reads `gardenProject`/`gardenShoot` (or `garden_project`/`garden_shoot`) from the configuration.
 *
 * @throws InvalidArgumentError (argument `configuration.gardenProject` or `.gardenShoot`) when missing.
 */
export function readShootReference(configuration: GardenAccessOptions['configuration']): ShootReference {
  const record = camelizeKeys(configuration, 'configuration');
  const text = (key: 'gardenProject' | 'gardenShoot') => {
    const value = record[key];
    if (typeof value !== 'string' || value.trim() === '') {
      const python = key === 'gardenProject' ? 'garden_project' : 'garden_shoot';
      throw new InvalidArgumentError({
        argument: `configuration.${key}`,
        message: `configuration.${key} (Python: ${python}) is required: the ${key === 'gardenProject' ? 'Gardener project' : 'shoot'} name.`,
      });
    }
    return value;
  };
  const azureCloud = typeof record.azureCloud === 'string' ? record.azureCloud : undefined;
  return { project: text('gardenProject'), shoot: text('gardenShoot'), azureCloud };
}
