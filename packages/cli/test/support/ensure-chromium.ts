import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Debian's Chromium, which the report test drives with playwright-core. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless run in a container or CI machine. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Installs Debian's `chromium` package when it is missing (CI starts on a fresh machine). Needs root
 * or passwordless sudo; the error says what to run by hand otherwise.
 */
export function ensureChromium(): string {
  if (existsSync(chromiumPath)) return chromiumPath;
  const root = process.getuid?.() === 0;
  const run = (args: string[]) =>
    execFileSync(root ? 'apt-get' : 'sudo', root ? args : ['-n', 'apt-get', ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  try {
    run(['update']);
    run(['install', '-y', '--no-install-recommends', 'chromium']);
  } catch (error) {
    throw new Error(
      `Installing chromium failed; run "apt-get install -y chromium" as root. ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (!existsSync(chromiumPath))
    throw new Error(`apt-get installed chromium but ${chromiumPath} does not exist.`);
  return chromiumPath;
}
