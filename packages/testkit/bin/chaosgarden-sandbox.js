#!/usr/bin/env node
// The `chaosgarden-sandbox` executable as npm links it. It is a committed file, not build output, so that
// `npm ci` in a fresh clone links node_modules/.bin/chaosgarden-sandbox even before anything is built (npm
// skips a bin whose target does not exist yet). It only loads the built sandbox launcher.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/sandbox-cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  process.stderr.write(
    'chaosgarden-sandbox: the command is not built yet. In a clone of the repository run `npm run setup` first.\n',
  );
  process.exit(2);
}
await import(built.href);
