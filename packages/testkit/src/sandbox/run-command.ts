import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { logTail } from './processes';

export interface RunCommandOptions {
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  /** Output goes here (appended); on failure its tail is in the error message. */
  readonly logFile: string;
  /** What the command is for, for the error message. */
  readonly purpose: string;
}

/** Runs a build or install step to completion; a non-zero exit is an error naming the log file. */
export async function runCommand(command: string, args: readonly string[], options: RunCommandOptions) {
  const log = openSync(options.logFile, 'a');
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        stdio: ['ignore', log, log],
      });
      child.once('error', (error) =>
        reject(new Error(`${options.purpose}: cannot run ${command}: ${error.message}`, { cause: error })),
      );
      child.once('close', resolve);
    });
    if (code !== 0) {
      throw new Error(
        `${options.purpose} failed (${command} exited with ${code}); log ${options.logFile}:\n${logTail(options.logFile)}`,
      );
    }
  } finally {
    closeSync(log);
  }
}

/** Runs a short command and returns its standard output; for version probes. */
export async function captureCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', (error) =>
      reject(new Error(`Cannot run ${command}: ${error.message}`, { cause: error })),
    );
    child.once('close', (code) =>
      code === 0
        ? resolve(stdout.trim())
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}: ${stderr.trim()}`)),
    );
  });
}
