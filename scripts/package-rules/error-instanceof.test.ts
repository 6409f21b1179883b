import { describe, expect, it } from 'vitest';
import { checkSources } from './check-sources.mjs';
import { coreBase, fixtureTree } from './fixture-tree';

const kubeApiError = `export class KubeApiError extends ChaosgardenError {
  static readonly code = 'kube-api-error';
  static override isInstance(error: unknown): error is KubeApiError {
    return true;
  }
}
`;

function instanceofProblems(files: Record<string, string>): string[] | undefined {
  return checkSources(
    fixtureTree({
      ...coreBase,
      'packages/k8s/package.json': '{ "name": "@chaosgarden/k8s" }',
      'packages/k8s/src/k8s-errors.ts': kubeApiError,
      ...files,
    }),
  )[2]?.problems;
}

describe('the instanceof rule', () => {
  it('fails instanceof on a chaosgarden error in a source file of another package', () => {
    const gardenSource =
      "import { KubeApiError } from '@chaosgarden/k8s';\n" +
      'export const missing = (error: unknown) => error instanceof KubeApiError && error.statusCode === 404;\n';
    expect(
      instanceofProblems({ 'packages/garden/package.json': '{}', 'packages/garden/src/a.ts': gardenSource }),
    ).toEqual([
      'packages/garden/src/a.ts:2: instanceof KubeApiError; use KubeApiError.isInstance(value) ' +
        '(instanceof fails across two installed copies of a package)',
    ]);
  });

  it('fails toBeInstanceOf and instanceof on the base class in tests', () => {
    const test =
      "import { ChaosgardenError } from '@chaosgarden/core';\n" +
      'expect(failure).toBeInstanceOf(KubeApiError);\n' +
      'if (failure instanceof core.ChaosgardenError) throw failure;\n';
    expect(instanceofProblems({ 'packages/k8s/test/b.test.ts': test })).toEqual([
      'packages/k8s/test/b.test.ts:2: toBeInstanceOf(KubeApiError); use KubeApiError.isInstance(value) ' +
        '(instanceof fails across two installed copies of a package)',
      'packages/k8s/test/b.test.ts:3: instanceof ChaosgardenError; use ChaosgardenError.isInstance(value) ' +
        '(instanceof fails across two installed copies of a package)',
    ]);
  });

  it('accepts instanceof on other classes, and the base class module itself', () => {
    const other =
      'export const f = (v: unknown) => v instanceof Map || v instanceof Error || v instanceof TypeError;\n';
    expect(instanceofProblems({ 'packages/k8s/src/c.ts': other })).toEqual([]);
  });
});
