import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const outDir = join(root, 'node_modules/.cache/chaosgarden-health-probe-agent');

/**
 * Bundles the agent from the current source into one CommonJS file (as the package build does) and
 * returns its path and text, so the tests never run a stale `dist`.
 */
export async function buildAgentBundle(): Promise<{ path: string; source: string }> {
  await build({
    config: false,
    entry: { 'probe-agent': join(root, 'packages/k8s/src/health-probe/agent/probe-agent.ts') },
    format: ['cjs'],
    outDir,
    platform: 'node',
    target: 'node22',
    dts: false,
    sourcemap: false,
    silent: true,
  });
  const path = join(outDir, 'probe-agent.cjs');
  return { path, source: readFileSync(path, 'utf8') };
}
