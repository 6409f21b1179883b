import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxStandIn } from './stand-in';

let loaded: Promise<readonly SandboxStandIn[]> | undefined;

/**
 * Every stand-in of the sandbox: each file in `stand-ins/` (the sources, or the built `.js` files next to the
 * launcher) exports `standIn`. Sorted by `order`; read once per process.
 */
export function sandboxStandIns(): Promise<readonly SandboxStandIn[]> {
  loaded ??= loadStandIns(join(moduleDirectory(), 'stand-ins'));
  return loaded;
}

async function loadStandIns(directory: string): Promise<readonly SandboxStandIn[]> {
  const files = (await readdir(directory)).filter((file) => /^[a-z0-9-]+\.(ts|js)$/.test(file)).sort();
  const standIns = await Promise.all(
    files.map(async (file) => {
      const exported = (await import(pathToFileURL(join(directory, file)).href)) as {
        standIn?: SandboxStandIn;
      };
      const standIn = exported.standIn;
      if (typeof standIn?.start !== 'function' || typeof standIn.name !== 'string') {
        throw new Error(`${join(directory, file)} exports no sandbox stand-in named standIn`);
      }
      return standIn;
    }),
  );
  if (standIns.length === 0) throw new Error(`No sandbox stand-in in ${directory}`);
  return standIns.sort((a, b) => a.order - b.order);
}

function moduleDirectory(): string {
  // The CommonJS build has `__dirname`; the ESM build has `import.meta.url` (empty in CommonJS output).
  if (typeof __dirname === 'string') return __dirname;
  return dirname(fileURLToPath((import.meta as { url: string }).url));
}
