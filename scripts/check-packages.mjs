// Runs publint and are-the-types-wrong over every publishable package, then a pack-and-import smoke test.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const packages = readdirSync('packages').filter((name) => {
  const manifest = JSON.parse(readFileSync(`packages/${name}/package.json`, 'utf8'));
  return !manifest.private;
});
for (const name of packages) {
  const dir = `packages/${name}`;
  console.log(`publint ${dir}`);
  execFileSync('publint', ['--strict', dir], { stdio: 'inherit' });
  console.log(`attw ${dir}`);
  execFileSync('attw', ['--pack', dir, '--profile', 'node16', '--format', 'table-flipped'], { stdio: 'inherit' });
}
execFileSync(process.execPath, ['scripts/smoke-install.mjs', ...packages], { stdio: 'inherit' });
