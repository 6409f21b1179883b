// Temporary development config (no sandbox global setup); deleted before hand-over.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('../', import.meta.url));
const alias = ['core', 'aws', 'testkit'].map((name) => ({
  find: new RegExp(`^@chaosgarden/${name}$`),
  replacement: `${packagesDir}${name}/src/index.ts`,
}));
export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/aws/test/**/*.test.ts', 'packages/aws/src/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 120_000,
    root: fileURLToPath(new URL('../../', import.meta.url)),
  },
});
