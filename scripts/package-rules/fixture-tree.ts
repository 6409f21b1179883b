import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach } from 'vitest';

const created: string[] = [];
afterEach(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes `files` (path relative to the root → content) into a fresh temporary repository root. */
export function fixtureTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'chaosgarden-package-rules-'));
  created.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The base error class as core declares it, enough for the rules to find the classes deriving from it. */
export const coreBase = {
  'packages/core/package.json': '{ "name": "@chaosgarden/core" }',
  'packages/core/src/errors/chaosgarden-error.ts':
    'export class ChaosgardenError extends Error {\n  static isInstance(error: unknown): error is ChaosgardenError {\n    return error instanceof ChaosgardenError;\n  }\n}\n',
};
