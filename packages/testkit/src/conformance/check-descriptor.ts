import { knownComputeFailureModes, knownNetworkFailureModes } from './contract-facts';

// The rules of validate-npm-package-name for new packages: lower case, URL-safe, at most 214 characters.
const npmPackageName = /^(?:@[a-z0-9-*~][a-z0-9-*._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

/**
 * Checks the cheap part of a plugin against contract v1: `specificationVersion`, `providerType`,
 * `packageName`, `capabilities` (readonly data listing only known modes) and the `fromShoot` and
 * `load` functions. Calls nothing on the descriptor.
 *
 * @returns One sentence per violation; empty when the descriptor conforms.
 */
export function checkDescriptor(descriptor: unknown): string[] {
  if (typeof descriptor !== 'object' || descriptor === null) {
    return [`the descriptor must be an object, got ${descriptor === null ? 'null' : typeof descriptor}`];
  }
  const record = descriptor as Record<string, unknown>;
  const violations: string[] = [];
  if (record.specificationVersion !== 'v1') {
    violations.push(`specificationVersion must be 'v1', got ${JSON.stringify(record.specificationVersion)}`);
  }
  if (typeof record.providerType !== 'string' || record.providerType.trim() === '') {
    violations.push(`providerType must be a non-empty string, got ${JSON.stringify(record.providerType)}`);
  }
  violations.push(...checkPackageName(record.packageName));
  violations.push(...checkCapabilities(record.capabilities));
  for (const name of ['fromShoot', 'load']) {
    if (typeof record[name] !== 'function') {
      violations.push(`${name} must be a function, got ${typeof record[name]}`);
    }
  }
  return violations;
}

function checkPackageName(packageName: unknown): string[] {
  if (typeof packageName !== 'string' || packageName.length > 214 || !npmPackageName.test(packageName)) {
    return [
      `packageName must be the npm package that provides the plugin (e.g. '@acme/chaosgarden-foo'), ` +
        `got ${JSON.stringify(packageName)}`,
    ];
  }
  return [];
}

function checkCapabilities(capabilities: unknown): string[] {
  if (typeof capabilities !== 'object' || capabilities === null) {
    return ['capabilities must be an object with computeFailureModes, networkFailureModes and filterKeys'];
  }
  const record = capabilities as Record<string, unknown>;
  const violations = [
    ...checkList('computeFailureModes', record.computeFailureModes, knownComputeFailureModes),
    ...checkList('networkFailureModes', record.networkFailureModes, knownNetworkFailureModes),
    ...checkList('filterKeys', record.filterKeys, undefined),
  ];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'function') {
      violations.push(`capabilities.${key} must be data, not a function`);
    }
  }
  return violations;
}

function checkList(name: string, value: unknown, known: readonly string[] | undefined): string[] {
  const label = `capabilities.${name}`;
  if (!Array.isArray(value) || value.length === 0) {
    return [`${label} must be a non-empty array, got ${JSON.stringify(value)}`];
  }
  const violations: string[] = [];
  for (const item of value) {
    if (typeof item !== 'string' || item === '') {
      violations.push(`${label} must hold non-empty strings, got ${JSON.stringify(item)}`);
    } else if (known !== undefined && !known.includes(item)) {
      violations.push(`${label} lists unknown mode '${item}' (contract v1 knows ${known.join(', ')})`);
    }
  }
  if (new Set(value).size !== value.length) {
    violations.push(`${label} lists an entry twice: ${JSON.stringify(value)}`);
  }
  return violations;
}
