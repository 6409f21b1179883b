// Runs every benchmark in bench/ one after the other, each in its own Node process (this binary).
// Benchmarks print figures and ratios; none asserts a timing, and `npm test` never runs them.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const benches = readdirSync(benchDir)
  .filter((file) => file.endsWith('.mjs') && file !== 'run.mjs')
  .sort();

let failed = 0;
for (const file of benches) {
  const result = spawnSync(process.execPath, [file, ...process.argv.slice(2)], {
    cwd: benchDir,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
