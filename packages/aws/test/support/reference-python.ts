import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MotoConnection } from './moto';

const script = fileURLToPath(new URL('./reference_network.py', import.meta.url));

export interface ReferenceRun {
  op: 'partition' | 'rollback';
  zone: string;
  filters: unknown;
  mode?: 'total' | 'ingress' | 'egress';
}

export interface ReferenceOutcome {
  ok: boolean;
  /** Time the Python steps took, without interpreter start-up (only when `ok`). */
  seconds: number | undefined;
  /** The Python tool's log (logzero writes to stderr) and any traceback. */
  stderr: string;
}

/** Runs the Python chaosgarden's network steps (reference_network.py) against moto. */
export function runReference(connection: MotoConnection, run: ReferenceRun): Promise<ReferenceOutcome> {
  const python = connection.referencePython;
  if (python === undefined) {
    throw new Error(
      'No reference Python: start the sandbox, or set CHAOSGARDEN_REFERENCE_PYTHON to a venv python with chaosgarden.',
    );
  }
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    AWS_ENDPOINT_URL_EC2: connection.endpoint,
    AWS_ACCESS_KEY_ID: connection.accessKeyId,
    AWS_SECRET_ACCESS_KEY: connection.secretAccessKey,
    AWS_DEFAULT_REGION: connection.region,
    AWS_EC2_METADATA_DISABLED: 'true',
    PYTHONUNBUFFERED: '1',
  };
  const argument = JSON.stringify({ ...run, region: connection.region });
  return new Promise((resolve) => {
    execFile(
      python,
      [script, argument],
      { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const last = stdout.trim().split('\n').at(-1) ?? '';
        const seconds = error ? undefined : (JSON.parse(last) as { seconds: number }).seconds;
        resolve({ ok: error === null, seconds, stderr });
      },
    );
  });
}
