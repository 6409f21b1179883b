// Checks every publishable package the way a user would meet it: its manifest against the house rules,
// publint (strict) and are-the-types-wrong over the packed tarball, then a pack-install-import smoke
// test from ESM and CommonJS (scripts/smoke-install.mjs). Needs `npm run build` first.
// Before that, the source rules (scripts/package-rules/, no build needed): every cloud plugin has the
// template's files and exports and a CHANGELOG.md, every error class has its own code and isInstance, and
// no source or test uses instanceof on a chaosgarden error.
// Reports every problem before failing, so one run shows all of them.
//
// Usage: node scripts/check-packages.mjs [--sources-only] [package-dir-name ...]
//        (default: every non-private package; --sources-only runs only the source rules)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSources } from './package-rules/check-sources.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootManifest = readJson(join(root, 'package.json'));
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };

const sourcesOnly = process.argv.includes('--sources-only');
const requested = process.argv.slice(2).filter((argument) => !argument.startsWith('--'));
const packages = (requested.length > 0 ? requested : readdirSync(join(root, 'packages'))).filter((name) => {
  const manifestPath = join(root, 'packages', name, 'package.json');
  return existsSync(manifestPath) && !readJson(manifestPath).private;
});

const failures = [];
for (const { rule, problems } of checkSources(root)) {
  console.log(`\n== sources: ${rule}: ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`);
  for (const problem of problems) {
    console.log(`  ${problem}`);
    failures.push(`sources: ${problem}`);
  }
}
for (const name of sourcesOnly ? [] : packages) {
  const dir = join(root, 'packages', name);
  const manifest = readJson(join(dir, 'package.json'));
  const problems = checkManifest(name, manifest);
  problems.push(...checkBuildOutput(dir, manifest));
  for (const problem of problems) failures.push(`${manifest.name}: ${problem}`);
  console.log(
    `\n== ${manifest.name}: manifest ${problems.length === 0 ? 'ok' : `${problems.length} problem(s)`}`,
  );
  if (problems.some((problem) => problem.startsWith('missing build output'))) continue;
  run(`${manifest.name}: publint`, 'publint', 'publint', ['--strict', dir]);
  run(`${manifest.name}: attw`, '@arethetypeswrong/cli', 'attw', [
    '--pack',
    dir,
    '--profile',
    'node16',
    '--format',
    'table-flipped',
  ]);
}
if (!sourcesOnly) run('smoke install', undefined, join(root, 'scripts', 'smoke-install.mjs'), packages);

if (failures.length > 0) {
  console.error(`\ncheck-packages: ${failures.length} problem(s):\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`\ncheck-packages: ${sourcesOnly ? 'source rules' : `${packages.length} packages`} ok`);

/** Manifest rules from docs/house-style: dual exports with separate types, engines, files, caret peers. */
function checkManifest(name, manifest) {
  const problems = [];
  const expect = (condition, problem) => condition || problems.push(problem);
  expect(manifest.name === `@chaosgarden/${name}`, `name should be @chaosgarden/${name}`);
  expect(manifest.type === 'module', 'type should be "module"');
  expect(manifest.sideEffects === false, 'sideEffects should be false');
  expect(
    manifest.engines?.node === rootManifest.engines.node,
    `engines.node should be "${rootManifest.engines.node}" like the root, got ${JSON.stringify(manifest.engines?.node)}`,
  );
  expect(Array.isArray(manifest.files) && manifest.files.includes('dist'), 'files should list "dist"');
  expect(typeof manifest.license === 'string', 'license is missing');
  expect(
    manifest.repository?.directory === `packages/${name}`,
    `repository.directory should be packages/${name}`,
  );
  const entry = manifest.exports?.['.'];
  expect(entry?.import?.types?.endsWith('.d.ts'), 'exports["."].import.types should be a .d.ts file');
  expect(entry?.require?.types?.endsWith('.d.cts'), 'exports["."].require.types should be a .d.cts file');
  expect(manifest.exports?.['./package.json'] === './package.json', 'exports should expose ./package.json');
  for (const [peer, range] of Object.entries(manifest.peerDependencies ?? {})) {
    expect(
      /^\^\d+\.\d+\.\d+$/.test(range),
      `peer ${peer} should have a caret range like ^1.2.3, got "${range}"`,
    );
    if (peer.startsWith('@chaosgarden/')) {
      expect(manifest.devDependencies?.[peer] !== undefined, `peer ${peer} should be in devDependencies too`);
    }
  }
  // npm links bins when it installs, before anything is built: a bin under dist/ is not linked in a
  // fresh clone (`npx chaosgarden` then asks the registry for another package).
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  for (const bin of bins) {
    const path = join('packages', name, bin);
    expect(!/^(\.\/)?dist\//.test(bin), `bin ${bin} should be a committed file outside dist/`);
    expect(tracked(path), `bin ${bin} should be tracked by git (it must exist before the build)`);
    expect(
      manifest.files?.some((entry) => bin.replace(/^\.\//, '').startsWith(entry)),
      `files should list ${bin}`,
    );
  }
  return problems;
}

function tracked(path) {
  try {
    execFileSync('git', ['ls-files', '--error-unmatch', path], { cwd: root, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every file the exports map and the main/module/types/bin fields name must exist after the build. */
function checkBuildOutput(dir, manifest) {
  const bins = typeof manifest.bin === 'string' ? [manifest.bin] : Object.values(manifest.bin ?? {});
  const targets = [
    manifest.main,
    manifest.module,
    manifest.types,
    ...bins,
    ...exportTargets(manifest.exports),
  ];
  return [...new Set(targets.filter((target) => typeof target === 'string'))]
    .filter((target) => !existsSync(join(dir, target)))
    .map((target) => `missing build output ${target} (run npm run build)`);
}

function exportTargets(value) {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(exportTargets);
}

/** Runs a tool under this Node binary; a non-zero exit becomes a failure, not an exception. */
function run(label, toolPackage, bin, args) {
  const script = toolPackage === undefined ? bin : binScript(toolPackage, bin);
  try {
    execFileSync(process.execPath, [script, ...args], { cwd: root, env, stdio: 'inherit' });
  } catch (error) {
    failures.push(`${label} failed (${error.status === null ? error.message : `exit code ${error.status}`})`);
  }
}

function binScript(toolPackage, bin) {
  const packageDir = join(root, 'node_modules', toolPackage);
  const binField = readJson(join(packageDir, 'package.json')).bin;
  return join(packageDir, typeof binField === 'string' ? binField : binField[bin]);
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}
