import { readSandboxConnection } from '@chaosgarden/testkit';
import { inject } from 'vitest';

/** Where the emulator tests find moto and the Python reference tool. */
export interface MotoConnection {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** `python` of a virtualenv with the PyPI `chaosgarden`, if known. */
  referencePython: string | undefined;
}

/**
 * The sandbox's moto, as the emulator project's global setup provides it (or `.sandbox/env.json`).
 * For development against a moto of your own: `CHAOSGARDEN_TEST_AWS_ENDPOINT` (and optionally
 * `CHAOSGARDEN_TEST_AWS_REGION`, `CHAOSGARDEN_REFERENCE_PYTHON`).
 */
export function motoConnection(): MotoConnection {
  const endpoint = process.env.CHAOSGARDEN_TEST_AWS_ENDPOINT;
  if (endpoint) {
    return {
      endpoint,
      region: process.env.CHAOSGARDEN_TEST_AWS_REGION ?? 'eu-west-1',
      accessKeyId: 'testing',
      secretAccessKey: 'testing',
      referencePython: process.env.CHAOSGARDEN_REFERENCE_PYTHON,
    };
  }
  const provided = (inject as (key: string) => unknown)('chaosgardenSandbox') as
    | ReturnType<typeof readSandboxConnection>
    | undefined;
  const sandbox = provided ?? readSandboxConnection();
  return {
    endpoint: sandbox.awsEndpoint,
    region: sandbox.awsRegion,
    accessKeyId: sandbox.awsAccessKeyId,
    secretAccessKey: sandbox.awsSecretAccessKey,
    referencePython: sandbox.referencePython,
  };
}

/** Wipes every moto backend. */
export async function resetMoto(connection: MotoConnection): Promise<void> {
  const response = await fetch(`${connection.endpoint}/moto-api/reset`, { method: 'POST' });
  await response.arrayBuffer();
  if (!response.ok) {
    throw new Error(`moto reset at ${connection.endpoint} failed: ${response.status}`);
  }
}

/** The plugin's configuration and secrets pointing at moto. */
export function pluginAccess(connection: MotoConnection, endpoint: string = connection.endpoint) {
  return {
    configuration: { awsRegion: connection.region, awsEndpointUrl: endpoint },
    secrets: { awsAccessKeyId: connection.accessKeyId, awsSecretAccessKey: connection.secretAccessKey },
  };
}
