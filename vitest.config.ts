import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
// Tests import workspace packages from source, so `vitest` needs no build in between edits: one alias per
// package present (its package.json name → its src/index.ts), so a new package needs no line here.
const alias = readdirSync(packagesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'src/index.ts')))
  .map((entry) => {
    const manifest = JSON.parse(readFileSync(join(packagesDir, entry.name, 'package.json'), 'utf8')) as {
      name: string;
    };
    return {
      find: new RegExp(`^${manifest.name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`),
      replacement: join(packagesDir, entry.name, 'src/index.ts'),
    };
  });

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'packages/*/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'examples/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          exclude: ['**/node_modules/**', 'examples/**/*.emulator.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'emulator',
          include: ['packages/*/test/**/*.test.ts', 'examples/**/*.emulator.test.ts'],
          globalSetup: ['packages/testkit/src/sandbox/vitest-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 1_800_000,
        },
      },
    ],
  },
});
