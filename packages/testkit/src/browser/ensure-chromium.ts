import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface EnsureChromiumOptions {
  /** Where the browser is expected. Default `/usr/bin/chromium` (Debian's `chromium` package). */
  readonly executablePath?: string;
  /** Receives progress lines (the install takes a while). Default: none. */
  readonly log?: (line: string) => void;
}

/**
 * Returns the path of Debian's Chromium, installing it with `apt-get` first when it is missing (CI starts
 * on a fresh machine). Needs root and Debian's package sources.
 *
 * @throws Error saying what to install by hand when it is missing and cannot be installed.
 */
export function ensureChromium(options: EnsureChromiumOptions = {}): string {
  const executablePath = options.executablePath ?? '/usr/bin/chromium';
  if (existsSync(executablePath)) return executablePath;
  const log = options.log ?? (() => undefined);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new Error(
      `Chromium is missing at ${executablePath} and cannot be installed here (needs root and apt-get): ` +
        'run `apt-get update && apt-get install -y chromium`.',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('Installing Chromium (apt-get update && apt-get install -y chromium)...');
  execFileSync('apt-get', ['update'], { env, stdio: 'ignore', timeout: 600_000 });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
    env,
    stdio: 'ignore',
    timeout: 1_200_000,
  });
  if (!existsSync(executablePath)) {
    throw new Error(`apt-get installed chromium, but ${executablePath} is still missing.`);
  }
  return executablePath;
}
