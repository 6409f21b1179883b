import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How many ledger lines the runs in `stateDirectory` have written so far (0 before the first). */
export function ledgerLineCount(stateDirectory: string): number {
  let names: string[];
  try {
    names = readdirSync(join(stateDirectory, 'runs'));
  } catch {
    return 0;
  }
  return names
    .filter((name) => name.endsWith('.jsonl'))
    .reduce((sum, name) => {
      const text = readFileSync(join(stateDirectory, 'runs', name), 'utf8');
      return sum + text.split('\n').filter((line) => line.trim() !== '').length;
    }, 0);
}

/** Polls `condition` every few milliseconds until it holds or the process ended; true if it held. */
export async function whenReached(
  condition: () => boolean,
  ended: () => boolean,
  timeoutMs = 30_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    if (ended()) return false;
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  throw new Error(`Kill point not reached within ${timeoutMs} ms.`);
}

/** `count` points spread evenly over `[first, last]`, rounded, without repeats. */
export function spread(first: number, last: number, count: number): number[] {
  const points = Array.from({ length: count }, (_, index) =>
    Math.round(first + ((last - first) * index) / Math.max(1, count - 1)),
  );
  return [...new Set(points)];
}
