// A health probe in a process of its own, for the kill-point tests: it imports the built package (as
// users run it) and runs one probe against the kubeconfig in argv[2] for argv[3] seconds. Its ledger
// goes to $CHAOSGARDEN_STATE_DIR; the run id is printed first so the test can find it. No signal handler
// is installed here: what SIGINT/SIGTERM do is the library's own behaviour.
import { createFileLedger } from '@chaosgarden/core';
import { runClusterHealthProbe } from '@chaosgarden/k8s';

const [kubeconfigPath, duration] = process.argv.slice(2);
const ledger = createFileLedger();
process.stdout.write(`run ${ledger.runId}\n`);
try {
  const passed = await runClusterHealthProbe({
    kubeconfig: { path: kubeconfigPath },
    duration: Number(duration ?? '3'),
    silent: true,
    cleanupTimeoutMs: 60_000,
    ledger,
  });
  process.stdout.write(`passed ${passed}\n`);
} catch (error) {
  process.stdout.write(`failed ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
