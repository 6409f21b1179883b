import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.config.base';

// Two entries: the library (`dist/index.*`) and the sandbox command (`dist/sandbox-cli.*`).
export default defineConfig(
  packageBuild({ index: 'src/index.ts', 'sandbox-cli': 'src/sandbox/sandbox-cli.ts' }),
);
