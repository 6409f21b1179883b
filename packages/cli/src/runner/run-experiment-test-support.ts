import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMemoryLogger, type MemoryLogger } from '@chaosgarden/core';
import { parseExperimentText } from '../experiment/parse-experiment-text';
import { validateExperiment } from '../experiment/validate-experiment';
import type { Journal } from '../journal/journal-types';
import { type RunExperimentOptions, runExperiment } from './run-experiment';

/** A scratch directory; marker files written by `touch` activities show what ran. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'chaosgarden-runner-'));
}

/** An action that creates `dir/name` (a real process): its file proves it ran. */
export function touch(dir: string, name: string, extra: object = {}) {
  return {
    type: 'action',
    name,
    provider: { type: 'process', path: 'touch', arguments: [join(dir, name)] },
    ...extra,
  };
}

/** A probe that succeeds (exit 0) when `dir/name` exists. */
export function exists(dir: string, name: string) {
  return {
    type: 'probe',
    name: `exists-${name}`,
    tolerance: 0,
    provider: { type: 'process', path: 'test', arguments: ['-f', join(dir, name)] },
  };
}

export function ran(dir: string, name: string): boolean {
  return existsSync(join(dir, name));
}

/** Runs an experiment object in-process with a memory logger; the state directory is scratch too. */
export async function run(
  experiment: object,
  options: Partial<RunExperimentOptions> = {},
): Promise<{ journal: Journal; logger: MemoryLogger }> {
  const logger = createMemoryLogger();
  const loaded = validateExperiment(parseExperimentText(JSON.stringify(experiment), 'e.json'), 'e.json');
  const journal = await runExperiment({
    experiment: loaded,
    logger,
    stateDirectory: scratch(),
    env: {},
    ...options,
  });
  return { journal, logger };
}
