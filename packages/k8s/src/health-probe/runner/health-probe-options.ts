import type { DurationInput, Logger, RollbackLedger } from '@chaosgarden/core';
import type { ClusterAccessOptions } from '../../cluster/kubeconfig-source';
import type { ThresholdsInput } from '../metrics/thresholds';

/** Options of `runClusterHealthProbe` (Python: `chaosgarden.k8s.probes.run_cluster_health_probe`). */
export interface ClusterHealthProbeOptions extends ClusterAccessOptions {
  /** Seconds of probing: 0 = one API heartbeat (default), > 0 = until the time is up, < 0 = until stopped. */
  duration?: DurationInput;
  /**
   * Tolerated downtime: `{ "<zone | regional | zone index | !negated>": { "<probe>": seconds } }`, e.g.
   * `{ regional: { api: 15, 'web-hook': 15 }, '!regional': { 'api-external': 15 } }`. Zone indexes refer
   * to the sorted zones found on the nodes. Default: none, i.e. every toleration is 0 s. The format of
   * the Python tool's docs (`{probe: {initial-gap, gap, ...}}`) is refused with an explanation.
   */
  thresholds?: ThresholdsInput | null | undefined;
  /** Return `false` instead of throwing `HealthProbeFailedError` when thresholds are violated. Default `false`. */
  silent?: boolean | undefined;
  /**
   * Image of the probe pods; it needs `node` (22+) on the path. Default: env `CHAOSGARDEN_PROBE_IMAGE`,
   * else `node:22-slim`. Point it at a mirror for registries behind a firewall.
   */
  image?: string | undefined;
  /** The agent program to install. Default: `probe-agent.cjs` built next to this package. */
  agentSource?: string | undefined;
  /** Writes `metrics.json` and `report.html` (with the timeline) into this directory. Default: none. */
  reportDirectory?: string | undefined;
  /** Longest wait for the probe's pods and resources to be gone on roll-back. Default 180 000 ms. */
  cleanupTimeoutMs?: number | undefined;
  /** Abort to stop probing early: metrics of the time so far are still computed, resources removed. */
  signal?: AbortSignal | undefined;
  /** Where progress, the summary and violations go. Default: `createLogger()`. */
  logger?: Logger | undefined;
  /**
   * Where the install is recorded before it is made (and marked done/undone), so `chaosgarden rollback`
   * finds it after a crash. Default: `createFileLedger()`, a new run's file under the state directory
   * (env `CHAOSGARDEN_STATE_DIR`, else `$XDG_STATE_HOME/chaosgarden` or `~/.local/state/chaosgarden`),
   * which also holds the lock against a second probe on the same cluster from this machine.
   */
  ledger?: RollbackLedger | undefined;
  /** The state directory of the default ledger and of the per-machine lock. Default `resolveStateDirectory()`. */
  stateDirectory?: string | undefined;
}

/** Options of `rollbackClusterHealthProbe`. */
export interface RollbackClusterHealthProbeOptions extends ClusterAccessOptions {
  /** Longest wait for pods and resources to be gone. Default 180 000 ms. */
  cleanupTimeoutMs?: number | undefined;
  signal?: AbortSignal | undefined;
  logger?: Logger | undefined;
}
