import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the sandbox keeps its runtime state (pids, logs, certificates, kubeconfig, env files). */
export interface SandboxPaths {
  /** The repository root: the directory holding `tools/k8s/go.mod`. */
  readonly repositoryDir: string;
  /** `<repo>/.sandbox`, or `$CHAOSGARDEN_SANDBOX_DIR`. */
  readonly stateDir: string;
  readonly logsDir: string;
  readonly processesDir: string;
  readonly kubeDir: string;
  readonly etcdDataDir: string;
  /** One file per test run (its pid) using the sandbox; see `sandbox-users.ts`. */
  readonly usersDir: string;
  readonly envJsonPath: string;
  readonly envShellPath: string;
  readonly kubeconfigPath: string;
}

/**
 * Finds the repository root by walking up from `startDir` (default: the current directory) to the first
 * directory with `tools/k8s/go.mod`. Reads `CHAOSGARDEN_REPOSITORY_DIR` first.
 */
export function findRepositoryDir(startDir: string = process.cwd()): string {
  const fromEnvironment = process.env.CHAOSGARDEN_REPOSITORY_DIR;
  if (fromEnvironment) return resolve(fromEnvironment);
  let dir = resolve(startDir);
  for (;;) {
    if (existsSync(join(dir, 'tools', 'k8s', 'go.mod'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(
        `No chaosgarden repository (a directory with tools/k8s/go.mod) above ${startDir}: ` +
          'run the sandbox from inside the clone or set CHAOSGARDEN_REPOSITORY_DIR.',
      );
    }
    dir = parent;
  }
}

/**
 * The sandbox's paths. The state directory is `<repo>/.sandbox` unless `CHAOSGARDEN_SANDBOX_DIR` is set
 * (useful to run a second, independent sandbox from the same clone).
 */
export function sandboxPaths(options: { repositoryDir?: string; stateDir?: string } = {}): SandboxPaths {
  const repositoryDir = options.repositoryDir ?? findRepositoryDir();
  const stateDir = resolve(
    options.stateDir ?? process.env.CHAOSGARDEN_SANDBOX_DIR ?? join(repositoryDir, '.sandbox'),
  );
  return {
    repositoryDir,
    stateDir,
    logsDir: join(stateDir, 'logs'),
    processesDir: join(stateDir, 'processes'),
    kubeDir: join(stateDir, 'kube'),
    etcdDataDir: join(stateDir, 'etcd-data'),
    usersDir: join(stateDir, 'users'),
    envJsonPath: join(stateDir, 'env.json'),
    envShellPath: join(stateDir, 'env.sh'),
    kubeconfigPath: join(stateDir, 'kubeconfig'),
  };
}
