import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export default defineConfig({
  ...packageBuild({ index: 'src/index.ts', 'bin/chaosgarden': 'src/bin/chaosgarden.ts' }),
  // Split chunks so the executable loads the runner, zod and yaml only when a command needs them.
  splitting: true,
  define: { __CLI_VERSION__: JSON.stringify(version) },
});
