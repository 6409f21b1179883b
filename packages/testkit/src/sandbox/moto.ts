import { join } from 'node:path';
import { type ProcessRecord, spawnDetached, waitFor } from './processes';
import type { PythonEnvironmentSpec } from './python-environment';
import type { SandboxPaths } from './state-directory';

/** moto in server mode, from `packages/testkit/python/requirements-moto.txt`. */
export const motoEnvironment: PythonEnvironmentSpec = {
  component: 'moto',
  requirementsFile: 'requirements-moto.txt',
  versionPackage: 'moto',
  verifyImport: 'moto.server',
};

/** Dummy credentials moto accepts (it checks none). */
export const motoCredentials = { accessKeyId: 'testing', secretAccessKey: 'testing' } as const;

export interface MotoService {
  readonly record: ProcessRecord;
  readonly endpoint: string;
}

/** Starts `moto_server -H 127.0.0.1 -p <port>`; ready when its dashboard `GET /moto-api/` answers. */
export async function startMoto(paths: SandboxPaths, venvDir: string, port: number): Promise<MotoService> {
  const endpoint = `http://127.0.0.1:${port}`;
  const record = await spawnDetached({
    name: 'moto',
    command: join(venvDir, 'bin', 'moto_server'),
    args: ['-H', '127.0.0.1', '-p', String(port)],
    logFile: join(paths.logsDir, 'moto.log'),
    processesDir: paths.processesDir,
    ownerMarker: paths.stateDir,
    env: { PYTHONUNBUFFERED: '1' },
  });
  await waitFor(() => motoHealthy(endpoint), {
    what: `moto on ${endpoint}`,
    timeoutMs: 60_000,
    process: record,
  });
  return { record, endpoint };
}

export async function motoHealthy(endpoint: string): Promise<true> {
  const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(5_000) });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`moto GET /moto-api/: ${response.status}`);
  return true;
}
