// How long loading @chaosgarden/core adds to a fresh Node process, beyond Node's own start-up.
// Goal: under 50 ms, so that `chaosgarden --help` and garden's plugin lookup feel instant.
// Spawns N fresh processes per variant, interleaved so that machine noise hits both alike, and prints
// medians, the difference and the ratio. Prints figures only: no timing is asserted anywhere.
//
// Usage: node bench/import-core.mjs [--runs N]   (default 30, at least 20). Needs `npm run build`.
import { existsSync } from 'node:fs';
import { median, ms, timeProcess } from './lib/process-timing.mjs';

const goalMs = 50;
const runsFlag = process.argv.indexOf('--runs');
const runs = Math.max(20, runsFlag > 0 ? Number(process.argv[runsFlag + 1]) || 30 : 30);

if (!existsSync(new URL('../packages/core/dist/index.js', import.meta.url))) {
  console.error('bench: packages/core/dist is missing; run `npm run build` first.');
  process.exit(1);
}

// Run from the repository root, so '@chaosgarden/core' resolves like a user's import: through
// node_modules and the package's exports map to the built dist.
const variants = [
  {
    label: 'import',
    baseline: ['--input-type=module', '--eval', ''],
    measured: ['--input-type=module', '--eval', "await import('@chaosgarden/core')"],
  },
  {
    label: 'require',
    baseline: ['--input-type=commonjs', '--eval', ''],
    measured: ['--input-type=commonjs', '--eval', "require('@chaosgarden/core')"],
  },
];

console.log(`bench import-core: ${runs} fresh processes per case, ${process.execPath} (${process.version})`);
for (const variant of variants) {
  for (let warmUp = 0; warmUp < 3; warmUp += 1) {
    timeProcess(variant.baseline);
    timeProcess(variant.measured);
  }
  const baseline = [];
  const measured = [];
  for (let run = 0; run < runs; run += 1) {
    baseline.push(timeProcess(variant.baseline));
    measured.push(timeProcess(variant.measured));
  }
  const base = median(baseline);
  const total = median(measured);
  const added = total - base;
  const verdict = added < goalMs ? `within the ${goalMs} ms goal` : `OVER the ${goalMs} ms goal`;
  console.log(
    `  ${variant.label.padEnd(7)} node alone ${ms(base)}, with core ${ms(total)}: ` +
      `+${ms(added)} (${(total / base).toFixed(2)}x), ${verdict}`,
  );
}
