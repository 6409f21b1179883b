// Packs the publishable packages, installs the tarballs into a scratch project outside the repository
// (third-party dependencies come from the registry, as for a user) and loads each package from ESM and
// from CommonJS under this Node binary. Fails when a package does not load, lacks an expected export,
// or exports different names to `import` and to `require`.
//
// Usage: node scripts/smoke-install.mjs [package-dir-name ...] [--keep]
// Default: every non-private package under packages/. `--keep` leaves the scratch directory in place.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// Names each package must export, to both `import` and `require`. Keep in step with the packages'
// public API; the ESM/CJS comparison below catches everything not listed here.
const expectedExports = {
  core: [
    'ChaosgardenError',
    'chaosgardenErrorCodes',
    'InvalidArgumentError',
    'UnknownFilterKeyError',
    'EmptyFiltersRefusedError',
    'TooManyTargetsError',
    'createLogger',
    'normalizeFilters',
    'parseDuration',
    'filterHash',
    'runSimulation',
    'startInBackground',
    'createFileLedger',
  ],
  testkit: ['describeProviderConformance', 'checkDescriptor', 'checkDescriptorIsCheap', 'refusalCases'],
  aws: [
    'plugin',
    'assessFiltersImpact',
    'runComputeFailureSimulation',
    'runComputeFailureSimulationInBackground',
    'runNetworkFailureSimulation',
    'runNetworkFailureSimulationInBackground',
    'rollbackNetworkFailureSimulation',
  ],
  k8s: [
    'runPodFailureSimulation',
    'runPodFailureSimulationInBackground',
    'listClusterKeyResources',
    'parseSelector',
  ],
  garden: [
    'assessCloudProviderFiltersImpact',
    'runCloudProviderNetworkFailureSimulation',
    'runCloudProviderNetworkFailureSimulationInBackground',
    'rollbackCloudProviderNetworkFailureSimulation',
    'runGeneralPodFailureSimulation',
    'runControlPlanePodFailureSimulation',
    'registerCloudProviderPlugin',
  ],
  cli: [],
};

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const requested = args.filter((arg) => !arg.startsWith('--'));
const packages = requested.length > 0 ? requested : publishablePackages();

const scratch = mkdtempSync(join(tmpdir(), 'chaosgarden-smoke-'));
const failures = [];
try {
  const tarballs = packPackages(packages, join(scratch, 'tarballs'));
  const project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'smoke', private: true }, null, 2)}\n`,
  );
  console.log(`smoke: installing ${tarballs.length} tarballs into ${project}`);
  npm(['install', '--no-audit', '--no-fund', '--no-package-lock', ...tarballs], project);
  for (const name of packages) {
    failures.push(...checkPackage(project, name));
  }
} catch (error) {
  failures.push(error instanceof Error ? error.message : String(error));
} finally {
  if (keep) console.log(`smoke: kept ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true });
}

if (failures.length > 0) {
  console.error(`smoke: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`smoke: ${packages.join(', ')} load from ESM and CommonJS with the expected exports`);

function publishablePackages() {
  return readdirSync(join(root, 'packages')).filter((name) => {
    const manifestPath = join(root, 'packages', name, 'package.json');
    return existsSync(manifestPath) && !JSON.parse(readFileSync(manifestPath, 'utf8')).private;
  });
}

function packPackages(names, destination) {
  mkdirSync(destination, { recursive: true });
  return names.map((name) => {
    const output = npm(['pack', '--json', '--pack-destination', destination], join(root, 'packages', name));
    const [{ filename }] = JSON.parse(output);
    console.log(`smoke: packed ${filename}`);
    return join(destination, filename);
  });
}

// Runs the npm that runs this script (npm sets npm_execpath), else npm on PATH, in both cases under
// this Node binary, so that install-time engine checks see Node 22 rather than an older system Node.
function npm(npmArgs, cwd) {
  const cli = process.env.npm_execpath;
  const [command, prefix] = cli?.endsWith('.js') ? [process.execPath, [cli]] : ['npm', []];
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  return execFileSync(command, [...prefix, ...npmArgs], {
    cwd,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

function checkPackage(project, name) {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name, 'package.json'), 'utf8'));
  const specifier = manifest.name;
  const esm = `import * as namespace from '${specifier}';\nconsole.log(JSON.stringify(Object.keys(namespace)));\n`;
  const cjs = `const exported = require('${specifier}');\nconsole.log(JSON.stringify(Object.keys(exported)));\n`;
  writeFileSync(join(project, `${name}.mjs`), esm);
  writeFileSync(join(project, `${name}.cjs`), cjs);
  const problems = [];
  const names = {};
  for (const [format, file] of [
    ['ESM', `${name}.mjs`],
    ['CJS', `${name}.cjs`],
  ]) {
    try {
      const output = execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' });
      names[format] = JSON.parse(output.trim().split('\n').at(-1)).filter((key) => key !== 'default');
    } catch (error) {
      problems.push(`${format} ${specifier} failed to load: ${error.stderr || error.message}`);
      continue;
    }
    const missing = (expectedExports[name] ?? []).filter((key) => !names[format].includes(key));
    if (missing.length > 0) problems.push(`${format} ${specifier} lacks ${missing.join(', ')}`);
  }
  if (names.ESM && names.CJS) {
    const onlyEsm = names.ESM.filter((key) => !names.CJS.includes(key));
    const onlyCjs = names.CJS.filter((key) => !names.ESM.includes(key));
    if (onlyEsm.length + onlyCjs.length > 0) {
      problems.push(
        `${specifier}: only ESM has [${onlyEsm.join(', ')}], only CJS has [${onlyCjs.join(', ')}]`,
      );
    }
  }
  if (problems.length === 0) {
    console.log(`smoke: ${specifier} ok (ESM + CJS, ${names.ESM.length} exports)`);
  }
  return problems;
}
