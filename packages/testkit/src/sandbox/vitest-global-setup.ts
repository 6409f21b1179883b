import type { TestProject } from 'vitest/node';
import type { SandboxConnection } from './connection';
import { useSandboxForTestRun } from './sandbox-users';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Connection details of the sandbox the emulator tests run against. */
    chaosgardenSandbox: SandboxConnection;
  }
}

/**
 * vitest global setup for the `emulator` project: reuses the sandbox if it is up, otherwise starts it, and
 * provides the connection details as `inject('chaosgardenSandbox')`. Teardown stops it only if a test run
 * started it and no other run still uses it (see `sandbox-users.ts`); a sandbox started with
 * `npm run sandbox -- up` stays up. When a service cannot start, this throws with the reason and the log file,
 * so the run fails; nothing is skipped.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (line: string) => process.stderr.write(`[sandbox] ${line}\n`);
  const use = await useSandboxForTestRun({ log });
  log(`${use.started ? 'started' : 'reusing'} the sandbox in ${use.connection.stateDir}`);
  project.provide('chaosgardenSandbox', use.connection);
  return async () => {
    const { stopped } = await use.release();
    if (stopped) log('stopped the sandbox');
  };
}
