import { execFile } from 'node:child_process';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** How the child process loads the module: ESM `import()` or CommonJS `require()`. */
export type LoadMethod = 'import' | 'require';

/** One module the child resolved: the specifier as written and the URL it resolved to. */
export interface LoadedModule {
  specifier: string;
  url: string;
}

export interface ListLoadedModulesOptions {
  /** A package name (resolved from `cwd`), an absolute or `cwd`-relative path, or a `file:` URL. */
  moduleId: string;
  /** `import` (default) or `require`. */
  method?: LoadMethod;
  /** Directory bare package names resolve from. Default `process.cwd()`. */
  cwd?: string;
  /** The child is killed after this long. Default 15000 ms. */
  timeoutMs?: number;
}

const marker = '@@chaosgarden-loaded-modules@@';

// Runs in a fresh Node process. `module.registerHooks` (Node >= 22.15) sees every resolution, for
// `import` and `require` alike, before the module is evaluated; `require.cache` would miss ESM.
const childScript = `
import { createRequire, registerHooks } from 'node:module';
const { target, method, cwd } = JSON.parse(process.argv[1]);
const loaded = [];
const report = (result, code) =>
  process.stdout.write('\\n${marker}' + JSON.stringify(result) + '\\n', () => process.exit(code));
try {
  registerHooks({
    resolve(specifier, context, nextResolve) {
      const resolved = nextResolve(specifier, context);
      loaded.push({ specifier, url: resolved.url });
      return resolved;
    },
  });
  if (method === 'require') createRequire(cwd + '/')(target);
  else await import(target);
  report({ loaded }, 0);
} catch (error) {
  report({ loaded, error: String(error && error.stack || error) }, 1);
}
`;

/**
 * Loads one module in a fresh Node process (this process's binary) and lists every module resolved
 * while loading it, third-party and built-in, in resolution order.
 *
 * @throws Error when the module cannot be loaded or the child does not finish in time.
 */
export function listLoadedModules(options: ListLoadedModulesOptions): Promise<LoadedModule[]> {
  const cwd = options.cwd ?? process.cwd();
  const method = options.method ?? 'import';
  const target = toLoadTarget(options.moduleId, cwd, method);
  const payload = JSON.stringify({ target, method, cwd });
  const args = ['--no-warnings', '--input-type=module', '--eval', childScript, payload];
  return new Promise((resolvePromise, reject) => {
    execFile(
      process.execPath,
      args,
      { cwd, timeout: options.timeoutMs ?? 15_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.split('\n').find((text) => text.startsWith(marker));
        const result = line === undefined ? undefined : JSON.parse(line.slice(marker.length));
        if (result !== undefined && result.error === undefined) {
          resolvePromise(result.loaded);
          return;
        }
        const why = result?.error ?? (error?.killed ? 'timed out' : `${error?.message ?? ''}\n${stderr}`);
        reject(new Error(`Could not ${method} ${options.moduleId} in a child process: ${why}`));
      },
    );
  });
}

function toLoadTarget(moduleId: string, cwd: string, method: LoadMethod): string {
  if (moduleId.startsWith('file:')) return method === 'import' ? moduleId : fileURLToPath(moduleId);
  const isPath = isAbsolute(moduleId) || moduleId.startsWith('./') || moduleId.startsWith('../');
  if (!isPath) return moduleId;
  const path = resolve(cwd, moduleId);
  return method === 'import' ? pathToFileURL(path).href : path;
}
