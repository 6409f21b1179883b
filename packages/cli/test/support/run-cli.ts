import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
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
  /** Everything written to stdout so far. */
  stdout(): string;
}

/** A scratch directory used as working directory and chaosgarden state directory. */
export function scratchDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'chaosgarden-cli-'));
}

/** The environment `startCli` runs the command with: the sandbox's, the state directory, `extraEnv`. */
export function cliEnvironment(cwd: string, extraEnv: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    ...sandboxEnvironment(readSandboxConnection()),
    CHAOSGARDEN_STATE_DIR: join(cwd, 'state'),
    ...extraEnv,
  };
}

/** Starts `chaosgarden ...args` with the sandbox's environment (endpoint, credentials, KUBECONFIG). */
export function startCli(args: string[], cwd: string, extraEnv: Record<string, string> = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first.`);
  return collect(
    spawn(process.execPath, [cliPath, ...args], {
      cwd,
      env: cliEnvironment(cwd, extraEnv),
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
}

/**
 * Runs a command line as a user would type it into a POSIX shell, with `chaosgarden` on the PATH (a
 * shim running the built executable) and `startCli`'s environment.
 */
export function startShell(commandLine: string, cwd: string, extraEnv: Record<string, string> = {}): CliRun {
  if (!existsSync(cliPath)) throw new Error(`${cliPath} is missing: run \`npm run build\` first.`);
  const bin = mkdtempSync(join(tmpdir(), 'chaosgarden-bin-'));
  const shim = join(bin, 'chaosgarden');
  writeFileSync(
    shim,
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} "$@"\n`,
  );
  chmodSync(shim, 0o755);
  const env = cliEnvironment(cwd, extraEnv);
  env.PATH = `${bin}${delimiter}${env.PATH ?? ''}`;
  return collect(spawn('/bin/sh', ['-c', commandLine], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }));
}

function collect(child: ChildProcess): CliRun {
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
  return { child, done, stderr: () => stderr, stdout: () => stdout };
}
