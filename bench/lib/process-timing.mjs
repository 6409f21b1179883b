// Wall-clock timing of whole Node processes, shared by the start-up benches.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: benches run from there so packages resolve through node_modules as for a user. */
export const root = fileURLToPath(new URL('../..', import.meta.url));

/** Milliseconds one `node ARGS` process took from spawn to exit; ends the bench if it failed. */
export function timeProcess(args) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    console.error(`bench: node ${args.join(' ')} failed:\n${result.stderr}`);
    process.exit(1);
  }
  return elapsed;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function ms(value) {
  return `${value.toFixed(1)} ms`;
}
