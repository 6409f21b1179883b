import type { TestProject } from 'vitest/node';
import type { SandboxConnection } from './connection';
import { sandboxDown, sandboxStatus, sandboxUp } from './sandbox';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection details of the sandbox the emulator tests run against. */
    chaosgardenSandbox: SandboxConnection;
  }
}

/**
 * vitest global setup for the `emulator` project: reuses a sandbox that is already up (and leaves it running),
 * otherwise starts one for this run and stops it afterwards. When a service cannot start, this throws with the
 * reason and the log file, so the run fails; nothing is skipped.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
  const before = await sandboxStatus();
  const { connection, reused } = before.up
    ? { connection: before.connection as SandboxConnection, reused: true }
    : await sandboxUp({ log });
  log(
    reused
      ? `reusing the sandbox in ${connection.stateDir}`
      : `started the sandbox in ${connection.stateDir}`,
  );
  project.provide('chaosgardenSandbox', connection);
  if (reused) return undefined;
  return async () => {
    await sandboxDown({ log });
    log('stopped the sandbox');
  };
}
