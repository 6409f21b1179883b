import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidArgumentError } from '@chaosgarden/core';
import { agentFileName } from '../resources/probe-resource-names';

/**
 * The bundled agent (`dist/probe-agent.cjs`, built next to this package's entry point), without its
 * source-map comment (the map is not shipped to the cluster).
 *
 * @throws InvalidArgumentError (argument `agentSource`) when the file is missing (running from source).
 */
export function loadAgentSource(): string {
  const directory = moduleDirectory();
  const path = directory === undefined ? undefined : join(directory, agentFileName);
  if (path === undefined || !existsSync(path)) {
    throw new InvalidArgumentError({
      argument: 'agentSource',
      message:
        `The probe agent ${agentFileName} was not found next to @chaosgarden/k8s (${path ?? 'unknown location'}); ` +
        'build the package (npm run build -w @chaosgarden/k8s) or pass agentSource.',
    });
  }
  return stripSourceMapComment(readFileSync(path, 'utf8'));
}

export function stripSourceMapComment(source: string): string {
  return source.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

function moduleDirectory(): string | undefined {
  // The CommonJS build has `__dirname`; the ESM build has `import.meta.url` (empty in CommonJS output).
  if (typeof __dirname === 'string') return __dirname;
  const url = (import.meta as { url?: string }).url;
  return url === undefined ? undefined : dirname(fileURLToPath(url));
}
