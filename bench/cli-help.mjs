// How long `chaosgarden --help` takes in a fresh process, against `node -e ''` (Node's own start-up).
// Goal: the whole command under 150 ms. Commands, the runner, zod, yaml and the plugins are imported
// on first use, so `--help` loads commander and the executable's small chunk only.
// Spawns N fresh processes per case, interleaved so that machine noise hits both alike, and prints
// medians and the ratio. Prints figures only: no timing is asserted anywhere.
//
// Usage: node bench/cli-help.mjs [--runs N]   (default 30, at least 20). Needs `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { median, ms, timeProcess } from './lib/process-timing.mjs';

const cli = fileURLToPath(new URL('../packages/cli/dist/bin/chaosgarden.js', import.meta.url));
const goalMs = 150;
const runsFlag = process.argv.indexOf('--runs');
const runs = Math.max(20, runsFlag > 0 ? Number(process.argv[runsFlag + 1]) || 30 : 30);

if (!existsSync(cli)) {
  console.error('bench: packages/cli/dist/bin/chaosgarden.js is missing; run `npm run build` first.');
  process.exit(1);
}

const cases = [
  { label: "node -e ''", args: ['-e', ''] },
  { label: 'chaosgarden --help', args: [cli, '--help'] },
  { label: 'chaosgarden aws --help', args: [cli, 'aws', '--help'] },
];

console.log(`bench cli-help: ${runs} fresh processes per case, ${process.execPath} (${process.version})`);
for (let warmUp = 0; warmUp < 3; warmUp += 1) {
  for (const entry of cases) timeProcess(entry.args);
}
const samples = cases.map(() => []);
for (let run = 0; run < runs; run += 1) {
  for (const [index, entry] of cases.entries()) {
    samples[index].push(timeProcess(entry.args));
  }
}
const base = median(samples[0]);
cases.forEach((entry, index) => {
  const value = median(samples[index]);
  const verdict =
    index === 0 ? 'baseline' : value < goalMs ? `within the ${goalMs} ms goal` : `OVER the ${goalMs} ms goal`;
  console.log(
    `  ${entry.label.padEnd(24)} median ${ms(value)} (${(value / base).toFixed(2)}x node alone), ${verdict}`,
  );
});
