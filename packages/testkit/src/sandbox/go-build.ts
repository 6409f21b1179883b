import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { componentCacheDir, fillCacheOnce, readKeyFile } from './cache-directory';
import { captureCommand, runCommand } from './run-command';

/** A Go tools module in the testkit's `tools/<name>/` (go.mod + go.sum, no sources) and what to build from it. */
export interface GoToolsModule {
  /** Cache directory prefix, e.g. `k8s`. */
  readonly component: string;
  /** `tools/<directory>` in the testkit package (see `recipe-files.ts`). */
  readonly directory: string;
  /** The module whose required version names the cache entry, e.g. `k8s.io/kubernetes`. */
  readonly versionModule: string;
  /** Main packages built in one `go build` call, so that they share compilation. */
  readonly packages: readonly string[];
  readonly ldflags: (version: string) => readonly string[];
  /** Extra files to write next to the binaries (kwok's stage configuration). */
  readonly afterBuild?: (context: GoBuildContext) => Promise<void>;
  /** Bump when `afterBuild` changes what it writes, so that cached builds are redone. */
  readonly afterBuildRevision?: string;
}

export interface GoBuildContext {
  readonly version: string;
  readonly binDir: string;
  readonly moduleDir: string;
  readonly logFile: string;
}

export interface BuiltGoTools {
  readonly version: string;
  readonly binDir: string;
  readonly cacheDir: string;
  /** True when this call built the tools, false when they came from the cache. */
  readonly built: boolean;
}

let goVersionProbe: Promise<string> | undefined;

/** `go env GOVERSION`, once per process; part of every build's cache key. */
export function goVersion(): Promise<string> {
  goVersionProbe ??= captureCommand('go', ['env', 'GOVERSION']).catch((error: unknown) => {
    throw new Error(
      'The sandbox builds etcd, Kubernetes and kwok from the Go module proxy and needs Go >= 1.26 on PATH ' +
        '(https://go.dev/dl/).',
      { cause: error },
    );
  });
  return goVersionProbe;
}

/** The version `go.mod` requires of `modulePath`. */
export function requiredVersion(goMod: string, modulePath: string): string {
  const escaped = modulePath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`go.mod does not require ${modulePath}`);
  return match[1];
}

/** Where the tools of `spec` are (or will be) cached, without building anything; `recipesDir`: see `SandboxPaths`. */
export async function goToolsLocation(
  recipesDir: string,
  spec: GoToolsModule,
): Promise<Omit<BuiltGoTools, 'built'>> {
  const moduleDir = join(recipesDir, 'tools', spec.directory);
  const goMod = readKeyFile(join(moduleDir, 'go.mod'));
  const goSum = readKeyFile(join(moduleDir, 'go.sum'));
  const version = requiredVersion(goMod, spec.versionModule);
  const cacheDir = componentCacheDir(spec.component, version, [
    goMod,
    goSum,
    await goVersion(),
    spec.packages.join(' '),
    spec.ldflags(version).join(' '),
    spec.afterBuildRevision ?? '',
  ]);
  return { version, cacheDir, binDir: join(cacheDir, 'bin') };
}

/** Builds the module's commands into the per-user cache unless they are there already. */
export async function buildGoTools(
  recipesDir: string,
  spec: GoToolsModule,
  logsDir: string,
): Promise<BuiltGoTools> {
  const location = await goToolsLocation(recipesDir, spec);
  const moduleDir = join(recipesDir, 'tools', spec.directory);
  const logFile = join(logsDir, `build-${spec.component}.log`);
  const built = await fillCacheOnce(location.cacheDir, async () => {
    await mkdir(location.binDir, { recursive: true });
    const ldflags = ['-s', '-w', ...spec.ldflags(location.version)].join(' ');
    const args = [
      'build',
      '-trimpath',
      '-buildvcs=false',
      `-ldflags=${ldflags}`,
      '-o',
      `${location.binDir}/`,
    ];
    await runCommand('go', [...args, ...spec.packages], {
      cwd: moduleDir,
      env: { CGO_ENABLED: '0' },
      logFile,
      purpose: `Building ${spec.packages.join(', ')} (${location.version})`,
    });
    await spec.afterBuild?.({ version: location.version, binDir: location.binDir, moduleDir, logFile });
  });
  return { ...location, built };
}
