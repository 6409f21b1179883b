// Child process: runs @chaosgarden/k8s's pod failure simulation (the built package) until its stdin closes
// or receives a line, then prints the result summary as JSON on stdout.
import { runPodFailureSimulation } from '@chaosgarden/k8s';

const options = JSON.parse(process.argv[2]);
const controller = new AbortController();
process.stdin.on('data', () => controller.abort());
process.stdin.on('end', () => controller.abort());
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const result = await runPodFailureSimulation({
  ...options,
  duration: -1,
  signal: controller.signal,
  logger: quiet,
});
process.stdout.write(
  JSON.stringify({
    deleted: result.deleted.length,
    failures: result.failures.length,
    requests: result.requests,
  }),
);
