import { readdirSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base';

// The library (`dist/index.*`), the sandbox command (`dist/sandbox-cli.*`) and one file per sandbox stand-in
// (`dist/stand-ins/<name>.js`), which the command finds next to itself: a new stand-in is only a new file.
const standIns = Object.fromEntries(
  readdirSync(new URL('./src/sandbox/stand-ins/', import.meta.url))
    .filter((file) => /^[a-z0-9-]+\.ts$/.test(file))
    .map((file) => [`stand-ins/${file.slice(0, -3)}`, `src/sandbox/stand-ins/${file}`]),
);

export default defineConfig(
  packageBuild({ index: 'src/index.ts', 'sandbox-cli': 'src/sandbox/sandbox-cli.ts', ...standIns }),
);
