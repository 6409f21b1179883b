import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Points `CHAOSGARDEN_STATE_DIR` at a fresh temporary directory for one test file, so the probe's
 * ledgers and locks stay out of the user's state directory. Returns a getter for the directory.
 */
export function useTemporaryStateDirectory(): () => string {
  let directory = '';
  let previous: string | undefined;
  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'chaosgarden-probe-state-'));
    previous = process.env.CHAOSGARDEN_STATE_DIR;
    process.env.CHAOSGARDEN_STATE_DIR = directory;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.CHAOSGARDEN_STATE_DIR;
    else process.env.CHAOSGARDEN_STATE_DIR = previous;
    rmSync(directory, { recursive: true, force: true });
  });
  return () => directory;
}
