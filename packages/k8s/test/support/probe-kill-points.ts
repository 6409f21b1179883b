import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { KubeClient } from '../../src/cluster/kube-client';
import { statusCodeOf } from '../../src/k8s-errors';

// biome-ignore lint/suspicious/noExplicitAny: raw API JSON, read field by field
type Json = Record<string, any>;

/** A moment in the probe's life, recognised by what the API server shows. */
export interface KillPoint {
  readonly name: string;
  /** The object to poll; `undefined` from `reached` means not yet. */
  readonly path: string;
  readonly reached: (object: Json | undefined) => boolean;
}

const namespacePath = '/api/v1/namespaces/chaos-garden-probe';

/** Spread over set-up (first, middle, late object), probing and both halves of the roll-back. */
export const killPoints: readonly KillPoint[] = [
  {
    name: 'set-up: first object (heartbeat definition) created',
    path: '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/heartbeats.chaos.gardener.cloud',
    reached: (object) => object !== undefined,
  },
  {
    name: 'set-up: namespace (3rd of 13) created',
    path: namespacePath,
    reached: (object) => object !== undefined,
  },
  {
    name: 'set-up: deployment probe (10th of 13) created',
    path: '/apis/apps/v1/namespaces/chaos-garden-probe/deployments/probe',
    reached: (object) => object !== undefined,
  },
  {
    name: 'probing: first API heartbeat written',
    path: '/apis/chaos.gardener.cloud/v1/heartbeats',
    reached: (list) =>
      (list?.items ?? []).some((item: Json) => item.metadata.name.startsWith('api-probe-regional-')),
  },
  {
    name: 'roll-back: deployment deleting (waiting for pods)',
    path: '/apis/apps/v1/namespaces/chaos-garden-probe/deployments/probe',
    reached: (object) => object?.metadata?.deletionTimestamp !== undefined,
  },
  {
    name: 'roll-back: namespace terminating',
    path: namespacePath,
    reached: (object) => object?.metadata?.deletionTimestamp !== undefined,
  },
];

/** The probe child process (`probe-child.mjs`, running the built package) and what it printed. */
export interface ProbeChild {
  readonly process: ChildProcess;
  readonly output: () => string;
  readonly runId: () => string | undefined;
  /** Resolves with the exit code or signal name. */
  readonly exited: Promise<string>;
}

export function startProbeChild(
  kubeconfigPath: string,
  stateDirectory: string,
  durationSeconds: number,
): ProbeChild {
  const script = fileURLToPath(new URL('./probe-child.mjs', import.meta.url));
  const child = spawn(process.execPath, [script, kubeconfigPath, String(durationSeconds)], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      CHAOSGARDEN_STATE_DIR: stateDirectory,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)),
  );
  return {
    process: child,
    output: () => output,
    runId: () => /^run (\S+)$/m.exec(output)?.[1],
    exited,
  };
}

/**
 * Polls `point.path` as fast as the API server answers until the point is reached.
 * @returns false when the child ended first or `timeoutMs` ran out.
 */
export async function waitForKillPoint(
  client: KubeClient,
  point: KillPoint,
  child: ProbeChild,
  timeoutMs = 60_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.process.exitCode === null && child.process.signalCode === null) {
    let object: Json | undefined;
    try {
      object = await client.request<Json>({
        verb: 'get',
        path: point.path,
        timeoutMs: 5000,
        operation: 'poll',
      });
    } catch (error) {
      if (statusCodeOf(error) !== 404) throw error;
    }
    if (point.reached(object)) return true;
  }
  return false;
}

/**
 * Where the child really was when the signal arrived, from its log: polling lags behind the API
 * server, so a kill aimed at set-up may land later. Only meaningful for lines logged before the kill.
 */
export function phaseAtKill(outputBeforeKill: string): 'set-up' | 'probing' | 'roll-back' {
  if (!outputBeforeKill.includes('Probing health of')) return 'set-up';
  const afterProbing = outputBeforeKill.slice(outputBeforeKill.indexOf('Probing health of'));
  return afterProbing.includes('Deleting probe') ? 'roll-back' : 'probing';
}
