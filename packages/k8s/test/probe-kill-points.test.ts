import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createMemoryLogger, pendingChanges, readLedger } from '@chaosgarden/core';
import { acquireSandboxLock, readSandboxConnection } from '@chaosgarden/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeClient } from '../src/cluster/kube-client';
import { removeProbeResources } from '../src/health-probe/resources/remove-probe-resources';
import { existingProbeResources, probeTestCluster } from './health-probe-support/probe-cluster';
import { killPoints, phaseAtKill, startProbeChild, waitForKillPoint } from './support/probe-kill-points';

// The child runs the built package (dist), as users do, and the clean-up after SIGKILL is the built CLI:
// `npm run build` first.
const run = promisify(execFile);
const cliPath = fileURLToPath(new URL('../../cli/dist/bin/chaosgarden.js', import.meta.url));

const signals = ['SIGINT', 'SIGTERM', 'SIGKILL'] as const;
const results: {
  point: string;
  signal: string;
  landed: string;
  leftovers: string[];
  seconds: number;
  exit: string;
}[] = [];
let client: KubeClient;
let kubeconfigPath: string;
let releaseLock: (() => void) | undefined;
const startedAt = Date.now();

beforeAll(async () => {
  releaseLock = await acquireSandboxLock(readSandboxConnection().stateDir, 'health-probe-tests');
  ({ client, kubeconfigPath } = await probeTestCluster());
  await removeProbeResources({ client, logger: createMemoryLogger() });
});

afterAll(async () => {
  const failed = results.filter((result) => result.leftovers.length > 0);
  const perSignal = signals
    .map((signal) => {
      const mine = results.filter((result) => result.signal === signal);
      return `${signal} ${mine.filter((result) => result.leftovers.length > 0).length}/${mine.length}`;
    })
    .join(', ');
  const longest = Math.max(0, ...results.map((result) => result.seconds));
  const landed = ['set-up', 'probing', 'roll-back']
    .map((phase) => `${results.filter((result) => result.landed === phase).length} in ${phase}`)
    .join(', ');
  // One line for docs/reliability.md.
  console.log(
    `probe kill points: ${results.length} tried (${landed}), ${failed.length} left something (${perSignal}); ` +
      `longest ${longest.toFixed(1)}s, whole file ${((Date.now() - startedAt) / 1000).toFixed(0)}s`,
  );
  await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
  client?.close();
  releaseLock?.();
});

/**
 * Runs what a user runs after a crash: `chaosgarden rollback --kubeconfig …` (the built CLI, which loads
 * this package's dist), with the state directory the dead probe used. Returns the probe's report.
 */
async function reconcileAfterCrash(stateDirectory: string) {
  const { stdout } = await run(
    process.execPath,
    [cliPath, 'rollback', '--kubeconfig', kubeconfigPath, '--state-dir', stateDirectory],
    { env: { ...process.env, CHAOSGARDEN_STATE_DIR: stateDirectory }, timeout: 240_000 },
  );
  const reports = JSON.parse(stdout) as { provider: string; leftovers: string[] }[];
  const probe = reports.find((report) => report.provider === 'k8s');
  if (probe === undefined) throw new Error(`chaosgarden rollback reported no probe: ${stdout}`);
  return probe;
}

describe('a health probe killed at any point leaves nothing behind', () => {
  for (const point of killPoints) {
    for (const signal of signals) {
      const afterwards =
        signal === 'SIGKILL' ? 'after chaosgarden rollback --kubeconfig' : 'by rolling back itself';
      it(`${signal} at "${point.name}": nothing is left ${afterwards} and the ledger shows the install undone`, async () => {
        const began = Date.now();
        const stateDirectory = mkdtempSync(join(tmpdir(), 'chaosgarden-kill-point-'));
        const child = startProbeChild(kubeconfigPath, stateDirectory, 3);
        try {
          expect(await waitForKillPoint(client, point, child), child.output()).toBe(true);
          const landed = phaseAtKill(child.output());
          child.process.kill(signal);
          const exit = await child.exited;
          let leftovers: string[];
          if (signal === 'SIGKILL') {
            const report = await reconcileAfterCrash(stateDirectory);
            expect(report.leftovers).toEqual([]);
            leftovers = await existingProbeResources(client);
          } else {
            leftovers = await existingProbeResources(client);
            expect(exit, child.output()).toBe(signal);
          }
          results.push({
            point: point.name,
            signal,
            landed,
            leftovers,
            seconds: (Date.now() - began) / 1000,
            exit,
          });
          expect(leftovers, child.output()).toEqual([]);
          const runId = child.runId();
          expect(runId).toBeDefined();
          const entries = await readLedger(runId ?? '', { directory: stateDirectory });
          expect(entries.filter((entry) => entry.phase === 'intent')).toHaveLength(1);
          expect(pendingChanges(entries)).toEqual([]);
        } finally {
          if (child.process.exitCode === null && child.process.signalCode === null)
            child.process.kill('SIGKILL');
          await child.exited;
          await removeProbeResources({ client, logger: createMemoryLogger() }).catch(() => undefined);
          rmSync(stateDirectory, { recursive: true, force: true });
        }
      });
    }
  }
});
