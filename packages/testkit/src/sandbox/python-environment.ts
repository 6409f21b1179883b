import { join } from 'node:path';
import { componentCacheDir, fillCacheOnce, readKeyFile } from './cache-directory';
import { captureCommand, runCommand } from './run-command';

/** A virtualenv installed from a hash-pinned requirements file in the testkit's `python/`. */
export interface PythonEnvironmentSpec {
  /** Cache directory prefix, e.g. `moto`. */
  readonly component: string;
  /** File name in the testkit's `python/` (`packages/testkit/python/` in the repository). */
  readonly requirementsFile: string;
  /** The package whose pinned version names the cache entry, e.g. `moto`. */
  readonly versionPackage: string;
  /** A module imported after installation to prove the environment works. */
  readonly verifyImport: string;
}

export interface PythonEnvironment {
  readonly version: string;
  readonly venvDir: string;
  readonly python: string;
  readonly cacheDir: string;
  /** True when this call installed the environment, false when it came from the cache. */
  readonly built: boolean;
}

interface Interpreter {
  readonly command: string;
  readonly description: string;
}

const interpreterProbes = new Map<string, Promise<Interpreter>>();

/** The Python that creates the virtualenvs: `$CHAOSGARDEN_PYTHON`, else `python3`; it must be >= 3.10. */
function baseInterpreter(): Promise<Interpreter> {
  const command = process.env.CHAOSGARDEN_PYTHON || 'python3';
  const known = interpreterProbes.get(command);
  if (known) return known;
  const probe = captureCommand(command, [
    '-c',
    'import sys; print("%d.%d.%d" % sys.version_info[:3], sys.base_prefix)',
  ]).then(
    (description) => {
      const [major = 0, minor = 0] = description.split(/[. ]/).map(Number);
      if (major < 3 || (major === 3 && minor < 10)) {
        throw new Error(`The sandbox needs Python >= 3.10 for moto; ${command} is ${description}`);
      }
      return { command, description };
    },
    (error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `The sandbox needs Python >= 3.10 as ${command} (or set CHAOSGARDEN_PYTHON): ${reason}`,
        {
          cause: error,
        },
      );
    },
  );
  interpreterProbes.set(command, probe);
  return probe;
}

/** The version `requirements` pins for `name` (`name==x.y.z`). */
export function pinnedVersion(requirements: string, name: string): string {
  const match = new RegExp(`^${name}==(\\S+)`, 'mi').exec(requirements);
  if (!match?.[1]) throw new Error(`The requirements file does not pin ${name}==<version>`);
  return match[1];
}

export async function pythonEnvironmentLocation(
  recipesDir: string,
  spec: PythonEnvironmentSpec,
): Promise<Omit<PythonEnvironment, 'built'> & { requirementsPath: string; interpreter: Interpreter }> {
  const requirementsPath = join(recipesDir, 'python', spec.requirementsFile);
  const requirements = readKeyFile(requirementsPath);
  const version = pinnedVersion(requirements, spec.versionPackage);
  const interpreter = await baseInterpreter();
  const pythonVersion = interpreter.description.split(' ')[0] ?? '';
  const cacheDir = componentCacheDir(spec.component, `${version}-py${pythonVersion}`, [
    requirements,
    interpreter.description,
  ]);
  const venvDir = join(cacheDir, 'venv');
  return {
    version,
    cacheDir,
    venvDir,
    python: join(venvDir, 'bin', 'python'),
    requirementsPath,
    interpreter,
  };
}

/** Creates the virtualenv and installs the pinned requirements into the per-user cache unless done already. */
export async function installPythonEnvironment(
  recipesDir: string,
  spec: PythonEnvironmentSpec,
  logsDir: string,
): Promise<PythonEnvironment> {
  const location = await pythonEnvironmentLocation(recipesDir, spec);
  const logFile = join(logsDir, `install-${spec.component}.log`);
  const purpose = `Installing ${spec.requirementsFile} into ${location.venvDir}`;
  const built = await fillCacheOnce(location.cacheDir, async () => {
    await runCommand(location.interpreter.command, ['-m', 'venv', location.venvDir], { logFile, purpose });
    const pip = ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--require-hashes'];
    await runCommand(location.python, [...pip, '-r', location.requirementsPath], { logFile, purpose });
    await runCommand(location.python, ['-c', `import ${spec.verifyImport}`], {
      logFile,
      purpose: `Importing ${spec.verifyImport} from ${location.venvDir}`,
    });
  });
  return {
    version: location.version,
    cacheDir: location.cacheDir,
    venvDir: location.venvDir,
    python: location.python,
    built,
  };
}
