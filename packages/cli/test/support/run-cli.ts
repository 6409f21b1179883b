import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSandboxConnection, sandboxEnvironment } from '@chaosgarden/testkit';

/** The built executable (`npm run build` first): what a user runs. */
export const cliPath = fileURLToPath(new URL('../../dist/bin/chaosgarden.js', import.meta.url));
export const examplesDir = fileURLToPath(new URL('../../../../examples/experiments/', import.meta.url));

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process ended. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  /** Everything written to stderr so far. */
  stderr(): string;
}

/** A scratch directory used as working directory and chaosgarden state directory. */
export function scratchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'chaosgarden-cli-'));
}

/** Starts `chaosgarden ...args` with the sandbox's environment (endpoint, credentials, KUBECONFIG). */
export function startCli(args: string[], cwd: string, extraEnv: Record<string, string> = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first.`);
  const env = {
    ...process.env,
    ...sandboxEnvironment(readSandboxConnection()),
    CHAOSGARDEN_STATE_DIR: join(cwd, 'state'),
    ...extraEnv,
  };
  const child = spawn(process.execPath, [cliPath, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}
