import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from './check-refusal';
import type { ConformanceStandIn } from './conformance-stand-in';

/** Options of every behaviour check. */
export interface BehaviourCheckOptions {
  /** How long one wait for the stand-in or one plugin call may take. Default 30000 ms. */
  timeoutMs?: number;
}

/** How long one wait or call of a behaviour check may take, unless `timeoutMs` says otherwise. */
export const defaultBehaviourTimeoutMs = 30_000;

/** The stand-in's input as the options of a call, with a silent logger. */
export function standInCall(standIn: ConformanceStandIn, extra: Record<string, unknown> = {}) {
  return { ...standIn.input, logger: silentLogger, ...extra } as Record<string, unknown>;
}

/** Runs `body` with fresh temporary directories (as many as asked for), removed afterwards. */
export async function withTemporaryDirectories<T>(
  count: number,
  body: (directories: string[]) => Promise<T>,
): Promise<T> {
  const directories: string[] = [];
  try {
    for (let index = 0; index < count; index++) {
      directories.push(await mkdtemp(join(tmpdir(), 'chaosgarden-conformance-')));
    }
    return await body(directories);
  } finally {
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  }
}

/**
 * Polls `check` until it returns true, `stop` (if given) says to give up, or `timeoutMs` passed.
 * @returns Whether `check` returned true.
 */
export async function until(
  check: () => Promise<boolean>,
  timeoutMs: number,
  stop: () => boolean = () => false,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (stop() || Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The ids of `listArtefacts()`, sorted, for messages and comparisons. */
export async function artefactIds(standIn: ConformanceStandIn): Promise<string[]> {
  return (await standIn.listArtefacts()).map((artefact) => artefact.id).sort();
}

/** Runs `body` with `CHAOSGARDEN_HOST_ID` set to `hostId`, as a second machine would; restores it after. */
export async function asHost<T>(hostId: string, body: () => Promise<T>): Promise<T> {
  const previous = process.env.CHAOSGARDEN_HOST_ID;
  process.env.CHAOSGARDEN_HOST_ID = hostId;
  try {
    return await body();
  } finally {
    if (previous === undefined) delete process.env.CHAOSGARDEN_HOST_ID;
    else process.env.CHAOSGARDEN_HOST_ID = previous;
  }
}
