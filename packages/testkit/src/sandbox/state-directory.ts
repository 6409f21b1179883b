import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { testkitPackageDir } from './recipe-files';

/** Where the sandbox keeps its runtime state (pids, logs, certificates, kubeconfig, env files). */
export interface SandboxPaths {
  /** The project the sandbox belongs to (see `findProjectDir`); its `.sandbox` is the default state directory. */
  readonly projectDir: string;
  /** The testkit package, which holds the build recipes: `tools/<name>/go.mod`, `python/requirements-*.txt`. */
  readonly recipesDir: string;
  /** `<project>/.sandbox`, or `$CHAOSGARDEN_SANDBOX_DIR`. */
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
 * The project the sandbox belongs to: `$CHAOSGARDEN_REPOSITORY_DIR` if set; else, walking up from `startDir`
 * (default: the current directory), the first directory whose package.json declares `workspaces` (a
 * monorepo root, such as a clone of chaosgarden); else the nearest directory with a package.json (a
 * project that installed @chaosgarden/testkit); else `startDir` itself.
 */
export function findProjectDir(startDir: string = process.cwd()): string {
  const fromEnvironment = process.env.CHAOSGARDEN_REPOSITORY_DIR;
  if (fromEnvironment) return resolve(fromEnvironment);
  let nearest: string | undefined;
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      nearest ??= dir;
      if (declaresWorkspaces(manifest)) return dir;
    }
    if (dirname(dir) === dir) return nearest ?? resolve(startDir);
  }
}

function declaresWorkspaces(manifestPath: string): boolean {
  try {
    return (
      (JSON.parse(readFileSync(manifestPath, 'utf8')) as { workspaces?: unknown }).workspaces !== undefined
    );
  } catch {
    return false;
  }
}

/**
 * The sandbox's paths. The state directory is `<project>/.sandbox` unless `CHAOSGARDEN_SANDBOX_DIR` is set
 * (useful to run a second, independent sandbox from the same project).
 */
export function sandboxPaths(options: { projectDir?: string; stateDir?: string } = {}): SandboxPaths {
  const projectDir = options.projectDir ?? findProjectDir();
  const stateDir = resolve(
    options.stateDir ?? process.env.CHAOSGARDEN_SANDBOX_DIR ?? join(projectDir, '.sandbox'),
  );
  return {
    projectDir,
    recipesDir: testkitPackageDir(),
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
