import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Points `CHAOSGARDEN_STATE_DIR` at a temporary directory for the file's tests, so that an action run
 * without a `ledger` option never writes into the real user state directory. Returns the directory.
 */
export function useTemporaryStateDirectory(): () => string {
  let directory = '';
  let previous: string | undefined;
  beforeAll(() => {
    previous = process.env.CHAOSGARDEN_STATE_DIR;
    directory = mkdtempSync(join(tmpdir(), 'chaosgarden-test-state-'));
    process.env.CHAOSGARDEN_STATE_DIR = directory;
  });
  afterAll(() => {
    if (previous === undefined) {
      delete process.env.CHAOSGARDEN_STATE_DIR;
    } else {
      process.env.CHAOSGARDEN_STATE_DIR = previous;
    }
    rmSync(directory, { recursive: true, force: true });
  });
  return () => directory;
}
