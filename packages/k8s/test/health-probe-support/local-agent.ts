import { type ChildProcess, spawn } from 'node:child_process';

/** The agent running as a plain local process, standing in for a kwok pod (which runs no container). */
export interface LocalAgent {
  readonly zone: string;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** Starts `node <bundle> probe` with the given `CHAOSGARDEN_PROBE_*` overrides (without the prefix). */
export function startLocalAgent(
  bundlePath: string,
  zone: string,
  settings: Record<string, string>,
): LocalAgent {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '' };
  for (const [key, value] of Object.entries(settings)) env[`CHAOSGARDEN_PROBE_${key}`] = value;
  const child: ChildProcess = spawn(process.execPath, [bundlePath, 'probe'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    zone,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
