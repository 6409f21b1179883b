import { spawn } from 'node:child_process';
import { toPlainJson } from '@chaosgarden/core';
import type { ActivityContext, ProviderTree } from './activity-context';

/** Output of a `process` provider, as Chaos Toolkit reports it. */
export interface ProcessOutput {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Chaos Toolkit's `process` provider: runs `path` with `arguments` (a list, or a string split on
 * whitespace; no shell), with `timeout` seconds at most. Aborting the run (a signal) stops the process.
 */
export function runProcessProvider(provider: ProviderTree, context: ActivityContext): Promise<ProcessOutput> {
  const path = String(provider.get('path'));
  const given = toPlainJson(provider.get('arguments') ?? []);
  const args = Array.isArray(given)
    ? given.map((item) => String(item))
    : String(given)
        .split(/\s+/)
        .filter((part) => part !== '');
  const timeout = provider.get('timeout');
  const signals = [context.signal];
  if (typeof timeout === 'number') signals.push(AbortSignal.timeout(timeout * 1000));
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { signal: AbortSignal.any(signals), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
