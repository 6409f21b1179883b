import type { SandboxConnection } from './connection';
import type { BuiltGoTools, GoToolsModule } from './go-build';
import type { PythonEnvironment, PythonEnvironmentSpec } from './python-environment';
import type { SandboxPaths } from './state-directory';

/** Runs one start-up step and logs `✓ <label> (<description>) in <s> s`. */
export type TimedStep = <T>(
  label: string,
  action: () => Promise<T>,
  describe?: (result: T) => string,
) => Promise<T>;

/** A build a stand-in needs: queued with every stand-in's builds of its kind, one at a time. */
export interface StandInBuild<TSpec> {
  /** The progress line's label, e.g. `etcd build`, `moto virtualenv`. */
  readonly label: string;
  readonly spec: TSpec;
}

/** A process a stand-in starts and records (under `name`), and how `status` checks it. */
export interface StandInComponent {
  /** The process record's name, e.g. `moto`, `kube-apiserver`. */
  readonly name: string;
  /** `down` stops stage 0 first (clients), then 1, 2, …. Default 0. */
  readonly stopStage?: number;
  /** Resolves when the service answers. */
  healthy(connection: SandboxConnection): Promise<unknown>;
}

/** What a stand-in's `start` gets: its builds (in the order declared) and the shared helpers. */
export interface StandInContext {
  readonly paths: SandboxPaths;
  readonly log: (line: string) => void;
  readonly step: TimedStep;
  /** The sandbox's region: kwok nodes get its first three zones, so one zone name fits every stand-in. */
  readonly region: string;
  readonly goTools: readonly Promise<BuiltGoTools>[];
  readonly pythonEnvironments: readonly Promise<PythonEnvironment>[];
}

/** What a started stand-in adds to `.sandbox/env.json`. */
export interface StandInStarted {
  /** Its fields of the connection (a new stand-in declares them by augmenting `SandboxConnection`). */
  readonly connection: Partial<SandboxConnection>;
  /** Versions of what it runs, by component, for `connection.versions`. */
  readonly versions: Readonly<Record<string, string>>;
}

/**
 * One cloud's (or the cluster's) stand-in in the sandbox: a file of its own in `sandbox/stand-ins/` that
 * exports `standIn`. The launcher finds every file there; adding a stand-in edits no shared file.
 */
export interface SandboxStandIn {
  /** e.g. `kubernetes`, `moto`. */
  readonly name: string;
  /** Stand-ins start, and queue their builds, in this order (lowest first). */
  readonly order: number;
  /** Go tool sets it builds (each build uses every core, so all of them run one after the other). */
  readonly goTools?: readonly StandInBuild<GoToolsModule>[];
  /** Python virtualenvs it installs (one after the other, alongside the Go builds). */
  readonly pythonEnvironments?: readonly StandInBuild<PythonEnvironmentSpec>[];
  readonly components: readonly StandInComponent[];
  /**
   * Starts its services once its builds are ready. On failure it rejects with an `AggregateError` of every
   * reason; the launcher stops whatever did start.
   */
  start(context: StandInContext): Promise<StandInStarted>;
}
